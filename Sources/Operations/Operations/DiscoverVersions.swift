import KMIP
import TTLV

/// Discover Versions: the versions both sides speak, in the server's order of preference; an
/// empty request list asks for every version the server offers.
enum DiscoverVersionsOperation: OperationHandler {
    static func run(
        _ request: DiscoverVersionsRequest, in environment: OperationEnvironment, batch: inout BatchState
    ) async throws(OperationError) -> DiscoverVersionsResponse {
        let offered = environment.policy.protocolVersions
        guard !request.protocolVersions.isEmpty else { return DiscoverVersionsResponse(protocolVersions: offered) }
        return DiscoverVersionsResponse(protocolVersions: offered.filter { request.protocolVersions.contains($0) })
    }
}
