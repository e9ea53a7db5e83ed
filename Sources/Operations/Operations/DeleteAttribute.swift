import KMIP
import TTLV
import KeyStore

/// Delete Attribute: removes one instance of an attribute the client may delete.
enum DeleteAttributeOperation: OperationHandler {
    static func run(
        _ request: DeleteAttributeRequest, in environment: OperationEnvironment, batch: inout BatchState
    ) async throws(OperationError) -> DeleteAttributeResponse {
        let identifier = try batch.identifier(request.uniqueIdentifier)
        batch.objectIdentifier = identifier
        let name = request.attributeName
        let index = request.attributeIndex ?? 0
        try AttributePolicy.check(name, may: .delete)
        let object = try await environment.store(identifier) { store in
            try store.object(identifier, adapterID: environment.adapter.adapterID)
        }
        guard let deleted = object.allAttributes.first(where: { $0.name == name && $0.effectiveIndex == index }) else {
            throw OperationError(.attributeNotFound, "object \(identifier) has no \(name) with index \(index)")
        }
        _ = try await environment.store(identifier) { store in
            try await store.updateAttributes(identifier, adapterID: environment.adapter.adapterID) { attributes in
                guard let position = attributes.firstIndex(where: { $0.name == name && $0.effectiveIndex == index }) else {
                    throw OperationError(.attributeNotFound, "object \(identifier) has no \(name) with index \(index)")
                }
                attributes.remove(at: position)
            }
        }
        return DeleteAttributeResponse(uniqueIdentifier: identifier, attribute: deleted.responseForm)
    }
}
