import KMIP
import KeyStore
import TTLV

/// MAC Verify (KMIP 1.4 §4.34): whether the MAC Data is the HMAC of the Data, under a key of
/// the adapter that may still process. A wrong MAC is an answer (Validity Indicator Invalid),
/// not a failure.
enum MACVerifyOperation: OperationHandler {
    static func run(
        _ request: MACVerifyRequest, in environment: OperationEnvironment, batch: inout BatchState
    ) async throws(OperationError) -> MACVerifyResponse {
        let identifier = try batch.identifier(request.uniqueIdentifier)
        batch.objectIdentifier = identifier
        let key = try await CryptographicKeyUse.load(
            identifier, for: .macVerify, purpose: .process, operation: "verify a MAC", in: environment)
        let validity: ValidityIndicator
        do {
            validity = try CryptoEngine().verifyMAC(request, with: key.material)
        } catch {
            throw OperationError(error)
        }
        return MACVerifyResponse(uniqueIdentifier: identifier, validityIndicator: validity)
    }
}
