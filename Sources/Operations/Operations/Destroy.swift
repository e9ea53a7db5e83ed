import KMIP
import TTLV
import KeyStore

/// Destroy: erases the key material for good. Refused while the object is Active.
enum DestroyOperation: OperationHandler {
    static func run(
        _ request: DestroyRequest, in environment: OperationEnvironment, batch: inout BatchState
    ) async throws(OperationError) -> DestroyResponse {
        let identifier = try batch.identifier(request.uniqueIdentifier)
        batch.objectIdentifier = identifier
        try await environment.store(identifier) { store in
            try await store.destroy(identifier, adapterID: environment.adapter.adapterID)
        }
        return DestroyResponse(uniqueIdentifier: identifier)
    }
}
