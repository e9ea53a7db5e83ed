import KMIP
import KeyStore
import TTLV

/// Encrypt (KMIP 1.4 §4.29): the server encrypts the Data with an Active key of the adapter.
enum EncryptOperation: OperationHandler {
    static func run(
        _ request: EncryptRequest, in environment: OperationEnvironment, batch: inout BatchState
    ) async throws(OperationError) -> EncryptResponse {
        let identifier = try batch.identifier(request.uniqueIdentifier)
        batch.objectIdentifier = identifier
        let key = try await CryptographicKeyUse.load(
            identifier, for: .encrypt, purpose: .protect, operation: "encrypt", in: environment)
        let output: EncryptionOutput
        do {
            output = try CryptoEngine().encrypt(request, with: key.material)
        } catch {
            throw OperationError(error)
        }
        return EncryptResponse(
            uniqueIdentifier: identifier, data: output.data, ivCounterNonce: output.ivCounterNonce,
            authenticatedEncryptionTag: output.authenticatedEncryptionTag)
    }
}
