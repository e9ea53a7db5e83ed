import KMIP
import TTLV
import KeyStore

/// Get: the key itself, in Raw format or — when asked — as a Transparent Symmetric Key, in the
/// clear or wrapped by another key of the adapter (``KeyWrapping``).
enum GetOperation: OperationHandler {
    static func run(
        _ request: GetRequest, in environment: OperationEnvironment, batch: inout BatchState
    ) async throws(OperationError) -> GetResponse {
        let identifier = try batch.identifier(request.uniqueIdentifier)
        batch.objectIdentifier = identifier
        batch.wrappingKeyIdentifier = request.keyWrappingSpecification?.encryptionKeyInformation?.uniqueIdentifier
        let format = request.keyFormatType ?? .raw
        guard format == .raw || format == .transparentSymmetricKey else {
            throw OperationError(.keyFormatTypeNotSupported, "symmetric keys are served as Raw or Transparent Symmetric Key, not \(format)")
        }
        guard request.keyCompressionType == nil else {
            throw OperationError(.keyCompressionTypeNotSupported, "symmetric keys are not compressed")
        }
        let object = try await environment.store(identifier) { store in
            try store.key(identifier, adapterID: environment.adapter.adapterID)
        }
        guard let material = object.material else {
            throw OperationError(.wrongKeyLifecycleState, "object \(identifier) is \(object.state): its key material was destroyed")
        }
        var keyValue: KeyValue = format == .raw ? .material(material, attributes: []) : .transparentSymmetricKey(material, attributes: [])
        var wrappingData: KeyWrappingData?
        if let specification = request.keyWrappingSpecification {
            (keyValue, wrappingData) = try await KeyWrapping(specification: specification).wrap(
                keyValue,
                attributes: { () async throws(OperationError) -> [Attribute] in
                    try await environment.store(identifier) { store in
                        try store.object(identifier, adapterID: environment.adapter.adapterID).allAttributes
                    }
                },
                in: environment)
        }
        let key = SymmetricKeyObject(keyBlock: KeyBlock(
            keyFormatType: format,
            keyValue: keyValue,
            cryptographicAlgorithm: object.cryptographicAlgorithm ?? .aes,
            cryptographicLength: object.cryptographicLength ?? Int32(material.count * 8),
            keyWrappingData: wrappingData
        ))
        return GetResponse(objectType: object.objectType, uniqueIdentifier: identifier, object: .symmetricKey(key))
    }
}
