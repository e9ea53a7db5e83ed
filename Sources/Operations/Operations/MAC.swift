import KMIP
import KeyStore
import TTLV

/// MAC (KMIP 1.4 §4.33): the HMAC of the Data under an Active key of the adapter.
enum MACOperation: OperationHandler {
    static func run(
        _ request: MACRequest, in environment: OperationEnvironment, batch: inout BatchState
    ) async throws(OperationError) -> MACResponse {
        let identifier = try batch.identifier(request.uniqueIdentifier)
        batch.objectIdentifier = identifier
        let key = try await CryptographicKeyUse.load(
            identifier, for: .macGenerate, purpose: .protect, operation: "compute a MAC", in: environment)
        let mac: [UInt8]
        do {
            mac = try CryptoEngine().mac(request, with: key.material)
        } catch {
            throw OperationError(error)
        }
        return MACResponse(uniqueIdentifier: identifier, macData: mac)
    }
}
