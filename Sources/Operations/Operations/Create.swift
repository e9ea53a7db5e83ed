import Crypto
import KMIP
import TTLV
import KeyStore

/// Create: a new AES key (128, 192 or 256 bits) with the client's attributes, sealed under the
/// adapter's root key. Pre-Active unless an Activation Date not in the future is given.
enum CreateOperation: OperationHandler {
    static let keyLengths: Set<Int32> = [128, 192, 256]

    static func run(
        _ request: CreateRequest, in environment: OperationEnvironment, batch: inout BatchState
    ) async throws(OperationError) -> CreateResponse {
        guard request.objectType == .symmetricKey else {
            throw OperationError.invalidField("kmipgw creates Symmetric Keys only, not \(request.objectType)")
        }
        guard request.templateAttribute.templateNames.isEmpty else {
            throw OperationError(.itemNotFound, "templates are not supported; send the attributes themselves")
        }
        let given = try AttributePolicy.prepareForNewObject(request.templateAttribute.attributes, limits: environment.adapter.limits)
        let (_, length) = try keySpecification(given)
        let material = SymmetricKey(size: SymmetricKeySize(bitCount: Int(length))).withUnsafeBytes { Array($0) }
        let attributes = given + ServerAttributes.forNewKey(material: material, origin: .generated, given: given, now: environment.now)
        try AttributePolicy.checkCount(attributes, limits: environment.adapter.limits)
        let stored = try await environment.store(nil) { store in
            try await store.create(NewObject(objectType: .symmetricKey, material: material, attributes: attributes), adapterID: environment.adapter.adapterID)
        }
        batch.idPlaceholder = stored.uniqueIdentifier
        batch.objectIdentifier = stored.uniqueIdentifier
        return CreateResponse(objectType: .symmetricKey, uniqueIdentifier: stored.uniqueIdentifier)
    }

    /// The algorithm (AES) and length the template asks for.
    static func keySpecification(_ attributes: [Attribute]) throws(OperationError) -> (CryptographicAlgorithm, Int32) {
        guard let algorithmAttribute = attributes.first(where: { $0.name == AttributeName.cryptographicAlgorithm.rawValue }),
            case .enumeration(let rawAlgorithm) = algorithmAttribute.value
        else {
            throw OperationError.invalidField("Create needs a Cryptographic Algorithm attribute (AES)")
        }
        let algorithm = CryptographicAlgorithm(rawValue: rawAlgorithm)
        guard algorithm == .aes else {
            throw OperationError.invalidField("kmipgw creates AES keys only, not \(algorithm)")
        }
        guard let lengthAttribute = attributes.first(where: { $0.name == AttributeName.cryptographicLength.rawValue }),
            case .integer(let length) = lengthAttribute.value
        else {
            throw OperationError.invalidField("Create needs a Cryptographic Length attribute (128, 192 or 256)")
        }
        guard keyLengths.contains(length) else {
            throw OperationError.invalidField("an AES key is 128, 192 or 256 bits long, not \(length)")
        }
        return (algorithm, length)
    }
}
