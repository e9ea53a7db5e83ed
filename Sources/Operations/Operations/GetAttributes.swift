import KMIP
import TTLV
import KeyStore

/// Get Attributes: the named attributes, or all of them. A named attribute the object lacks is
/// simply absent from the answer — vCenter asks for `x-Product_Version` on keys that lack it.
enum GetAttributesOperation: OperationHandler {
    static func run(
        _ request: GetAttributesRequest, in environment: OperationEnvironment, batch: inout BatchState
    ) async throws(OperationError) -> GetAttributesResponse {
        let identifier = try batch.identifier(request.uniqueIdentifier)
        batch.objectIdentifier = identifier
        let object = try await environment.store(identifier) { store in
            try store.object(identifier, adapterID: environment.adapter.adapterID)
        }
        var attributes = object.allAttributes
        if !request.attributeNames.isEmpty {
            let wanted = Set(request.attributeNames)
            attributes = attributes.filter { wanted.contains($0.name) }
        }
        return GetAttributesResponse(
            uniqueIdentifier: identifier, attributes: AttributePolicy.forResponse(attributes, version: environment.version))
    }
}
