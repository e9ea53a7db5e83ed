import KMIP
import TTLV
import KeyStore

/// Add Attribute: a new instance of an attribute the client may set; the server picks its index.
enum AddAttributeOperation: OperationHandler {
    static func run(
        _ request: AddAttributeRequest, in environment: OperationEnvironment, batch: inout BatchState
    ) async throws(OperationError) -> AddAttributeResponse {
        let identifier = try batch.identifier(request.uniqueIdentifier)
        batch.objectIdentifier = identifier
        let name = request.attribute.name
        try AttributePolicy.check(request.attribute, may: .set)
        let limits = environment.adapter.limits
        try AttributePolicy.checkSize(request.attribute, limits: limits)
        let multi = AttributePolicy.isMultiInstance(name)
        let attribute = request.attribute
        let after = try await environment.store(identifier) { store in
            try await store.updateAttributes(identifier, adapterID: environment.adapter.adapterID) { attributes in
                let existing = attributes.filter { $0.name == name }
                guard multi || existing.isEmpty else {
                    throw OperationError.invalidField("the object already has \(name), which takes one value; use Modify Attribute")
                }
                var added = attribute
                added.index = multi ? (existing.map(\.effectiveIndex).max().map { $0 + 1 } ?? 0) : nil
                attributes.append(added)
                try AttributePolicy.checkCount(attributes, limits: limits)
            }
        }
        let stored = after.last { $0.name == name } ?? attribute
        return AddAttributeResponse(uniqueIdentifier: identifier, attribute: stored.responseForm)
    }
}
