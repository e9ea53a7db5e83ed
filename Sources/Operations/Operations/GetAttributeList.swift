import KMIP
import TTLV
import KeyStore

/// Get Attribute List: the names of the attributes an object has, each once.
enum GetAttributeListOperation: OperationHandler {
    static func run(
        _ request: GetAttributeListRequest, in environment: OperationEnvironment, batch: inout BatchState
    ) async throws(OperationError) -> GetAttributeListResponse {
        let identifier = try batch.identifier(request.uniqueIdentifier)
        batch.objectIdentifier = identifier
        let object = try await environment.store(identifier) { store in
            try store.object(identifier, adapterID: environment.adapter.adapterID)
        }
        var seen = Set<String>()
        let names = AttributePolicy.forResponse(object.allAttributes, version: environment.version)
            .map(\.name).filter { seen.insert($0).inserted }
        return GetAttributeListResponse(uniqueIdentifier: identifier, attributeNames: names)
    }
}
