import KMIP
import TTLV
import KeyStore

/// Activate: Pre-Active → Active, setting the Activation Date.
enum ActivateOperation: OperationHandler {
    static func run(
        _ request: ActivateRequest, in environment: OperationEnvironment, batch: inout BatchState
    ) async throws(OperationError) -> ActivateResponse {
        let identifier = try batch.identifier(request.uniqueIdentifier)
        batch.objectIdentifier = identifier
        try await environment.store(identifier) { store in
            try await store.activate(identifier, adapterID: environment.adapter.adapterID)
        }
        return ActivateResponse(uniqueIdentifier: identifier)
    }
}
