import KMIP
import TTLV

/// Query: which operations and object types this server supports, and who it is. The operations
/// are those of the registry that dispatched the request which its protocol version defines, so
/// a KMIP 1.0 client is not offered Discover Versions.
enum QueryOperation: OperationHandler {
    static func run(
        _ request: QueryRequest, in environment: OperationEnvironment, batch: inout BatchState
    ) async throws(OperationError) -> QueryResponse {
        var response = QueryResponse()
        for function in request.queryFunctions {
            switch function {
            case .queryOperations:
                response.operations = environment.registry.operations(in: environment.version)
            case .queryObjects:
                response.objectTypes = [.symmetricKey]
            case .queryServerInformation:
                response.vendorIdentification = environment.policy.vendorIdentification
                // The content of Server Information is vendor-defined; an empty structure is what
                // the KMIP 1.4 test cases show and what every client parses.
                response.serverInformation = []
            default:
                // Application namespaces, extensions, profiles…: none to report.
                break
            }
        }
        return response
    }
}
