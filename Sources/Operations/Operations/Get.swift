import KMIP
import TTLV
import KeyStore

/// Get: the key itself, in Raw format or — when asked — as a Transparent Symmetric Key.
enum GetOperation: OperationHandler {
    static func run(
        _ request: GetRequest, in environment: OperationEnvironment, batch: inout BatchState
    ) async throws(OperationError) -> GetResponse {
        let identifier = try batch.identifier(request.uniqueIdentifier)
        batch.objectIdentifier = identifier
        let format = request.keyFormatType ?? .raw
        guard format == .raw || format == .transparentSymmetricKey else {
            throw OperationError(.keyFormatTypeNotSupported, "symmetric keys are served as Raw or Transparent Symmetric Key, not \(format)")
        }
        guard request.keyCompressionType == nil else {
            throw OperationError(.keyCompressionTypeNotSupported, "symmetric keys are not compressed")
        }
        guard request.keyWrappingSpecification == nil else {
            throw OperationError(.featureNotSupported, "kmipgw does not wrap keys on Get; mutual TLS protects them in transit")
        }
        let object = try await environment.store(identifier) { store in
            try store.key(identifier, adapterID: environment.adapter.adapterID)
        }
        guard let material = object.material else {
            throw OperationError(.wrongKeyLifecycleState, "object \(identifier) is \(object.state): its key material was destroyed")
        }
        let key = SymmetricKeyObject(keyBlock: KeyBlock(
            keyFormatType: format,
            keyValue: format == .raw ? .material(material, attributes: []) : .transparentSymmetricKey(material, attributes: []),
            cryptographicAlgorithm: object.cryptographicAlgorithm ?? .aes,
            cryptographicLength: object.cryptographicLength ?? Int32(material.count * 8)
        ))
        return GetResponse(objectType: object.objectType, uniqueIdentifier: identifier, object: .symmetricKey(key))
    }
}
