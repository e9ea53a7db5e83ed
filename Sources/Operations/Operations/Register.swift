import KMIP
import TTLV
import KeyStore

/// Register: the client hands over an AES key (Raw or Transparent Symmetric Key format, not
/// wrapped) for the server to manage.
enum RegisterOperation: OperationHandler {
    static func run(
        _ request: RegisterRequest, in environment: OperationEnvironment, batch: inout BatchState
    ) async throws(OperationError) -> RegisterResponse {
        guard request.objectType == .symmetricKey, case .symmetricKey(let key) = request.object else {
            throw OperationError.invalidField("kmipgw registers Symmetric Keys only, not \(request.objectType)")
        }
        guard request.templateAttribute.templateNames.isEmpty else {
            throw OperationError(.itemNotFound, "templates are not supported; send the attributes themselves")
        }
        let block = key.keyBlock
        guard block.keyFormatType == .raw || block.keyFormatType == .transparentSymmetricKey else {
            throw OperationError(.keyFormatTypeNotSupported, "register the key in Raw or Transparent Symmetric Key format, not \(block.keyFormatType)")
        }
        if let compression = block.keyCompressionType {
            // Every Key Compression Type names an elliptic-curve point format, the uncompressed
            // one included: none applies to the keys kmipgw stores.
            throw OperationError(
                .keyCompressionTypeNotSupported,
                "Key Compression Type \(compression) describes elliptic-curve keys; register a symmetric key without it")
        }
        guard let material = block.keyValue.keyBytes, block.keyWrappingData == nil else {
            throw OperationError(.featureNotSupported, "register the key unwrapped (mutual TLS protects it in transit)")
        }
        var attributes = try AttributePolicy.prepareForNewObject(request.templateAttribute.attributes, limits: environment.adapter.limits)
        let bits = Int32(material.count * 8)
        guard CreateOperation.keyLengths.contains(bits) else {
            throw OperationError.invalidField("an AES key is 16, 24 or 32 bytes long, not \(material.count)")
        }
        let algorithm = block.cryptographicAlgorithm ?? .aes
        guard algorithm == .aes else {
            throw OperationError.invalidField("kmipgw manages AES keys only, not \(algorithm)")
        }
        if let given = attributes.first(where: { $0.name == AttributeName.cryptographicAlgorithm.rawValue }) {
            guard given.value == .enumeration(CryptographicAlgorithm.aes.rawValue) else {
                throw OperationError.invalidField("the Cryptographic Algorithm attribute contradicts the key block")
            }
        } else {
            attributes.append(Attribute(name: .cryptographicAlgorithm, value: .enumeration(CryptographicAlgorithm.aes.rawValue)))
        }
        if let given = attributes.first(where: { $0.name == AttributeName.cryptographicLength.rawValue }) {
            guard given.value == .integer(bits), block.cryptographicLength.map({ $0 == bits }) ?? true else {
                throw OperationError.invalidField("the Cryptographic Length does not match the \(bits)-bit key")
            }
        } else {
            attributes.append(Attribute(.cryptographicLength, bits))
        }
        attributes += ServerAttributes.forNewKey(material: material, origin: .registered, given: attributes, now: environment.now)
        try AttributePolicy.checkCount(attributes, limits: environment.adapter.limits)
        let stored = try await environment.store(nil) { store in
            try await store.create(NewObject(objectType: .symmetricKey, material: material, attributes: attributes), adapterID: environment.adapter.adapterID)
        }
        batch.idPlaceholder = stored.uniqueIdentifier
        batch.objectIdentifier = stored.uniqueIdentifier
        return RegisterResponse(uniqueIdentifier: stored.uniqueIdentifier)
    }
}
