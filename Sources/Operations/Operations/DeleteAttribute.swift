import KMIP
import KeyStore
import Synchronization
import TTLV

/// Delete Attribute: removes one instance of an attribute the client may delete.
enum DeleteAttributeOperation: OperationHandler {
    /// Carries the removed instance out of the store's write transaction.
    private final class Removed: Sendable {
        let attribute = Mutex<Attribute?>(nil)
    }

    static func run(
        _ request: DeleteAttributeRequest, in environment: OperationEnvironment, batch: inout BatchState
    ) async throws(OperationError) -> DeleteAttributeResponse {
        let identifier = try batch.identifier(request.uniqueIdentifier)
        batch.objectIdentifier = identifier
        let name = request.attributeName
        let index = request.attributeIndex ?? 0
        try AttributePolicy.check(name, may: .delete)
        let removed = Removed()
        _ = try await environment.store(identifier) { store in
            try await store.updateAttributes(identifier, adapterID: environment.adapter.adapterID) { attributes in
                guard let position = attributes.firstIndex(where: { $0.name == name && $0.effectiveIndex == index }) else {
                    throw OperationError(.attributeNotFound, "object \(identifier) has no \(name) with index \(index)")
                }
                let attribute = attributes.remove(at: position)
                removed.attribute.withLock { $0 = attribute }
            }
        }
        guard let deleted = removed.attribute.withLock({ $0 }) else {
            throw OperationError.internalFailure(
                "the store did not report the deleted attribute back", cause: OperationError(.generalFailure, "no attribute from updateAttributes"),
                logger: environment.logger)
        }
        return DeleteAttributeResponse(uniqueIdentifier: identifier, attribute: deleted.responseForm)
    }
}
