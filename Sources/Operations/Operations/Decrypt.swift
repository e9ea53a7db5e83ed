import KMIP
import KeyStore
import TTLV

/// Decrypt (KMIP 1.4 §4.30): the server decrypts the Data with a key of the adapter that may
/// still process (Active, Deactivated or Compromised).
enum DecryptOperation: OperationHandler {
    static func run(
        _ request: DecryptRequest, in environment: OperationEnvironment, batch: inout BatchState
    ) async throws(OperationError) -> DecryptResponse {
        let identifier = try batch.identifier(request.uniqueIdentifier)
        batch.objectIdentifier = identifier
        let key = try await CryptographicKeyUse.load(
            identifier, for: .decrypt, purpose: .process, operation: "decrypt", in: environment)
        let plaintext: [UInt8]
        do {
            plaintext = try CryptoEngine().decrypt(request, with: key.material)
        } catch {
            throw OperationError(error)
        }
        return DecryptResponse(uniqueIdentifier: identifier, data: plaintext)
    }
}
