import KMIP
import TTLV
import KeyStore

/// Modify Attribute: a new value for one existing instance (index 0 when none is given).
enum ModifyAttributeOperation: OperationHandler {
    static func run(
        _ request: ModifyAttributeRequest, in environment: OperationEnvironment, batch: inout BatchState
    ) async throws(OperationError) -> ModifyAttributeResponse {
        let identifier = try batch.identifier(request.uniqueIdentifier)
        batch.objectIdentifier = identifier
        let name = request.attribute.name
        try AttributePolicy.check(request.attribute, may: .modify)
        try AttributePolicy.checkSize(request.attribute, limits: environment.adapter.limits)
        let index = request.attribute.effectiveIndex
        let value = request.attribute.value
        let after = try await environment.store(identifier) { store in
            try await store.updateAttributes(identifier, adapterID: environment.adapter.adapterID) { attributes in
                try AttributePolicy.checkState(toModify: name, of: attributes)
                guard let position = attributes.firstIndex(where: { $0.name == name && $0.effectiveIndex == index }) else {
                    throw OperationError(.attributeNotFound, "object \(identifier) has no \(name) with index \(index)")
                }
                attributes[position].value = value
            }
        }
        let modified = after.first { $0.name == name && $0.effectiveIndex == index } ?? request.attribute
        return ModifyAttributeResponse(uniqueIdentifier: identifier, attribute: modified.responseForm)
    }
}
