import KMIP
import TTLV

/// RNG Retrieve (KMIP 1.4 §4.35): Data Length random bytes from the server's generator.
enum RNGRetrieveOperation: OperationHandler {
    static func run(
        _ request: RNGRetrieveRequest, in environment: OperationEnvironment, batch: inout BatchState
    ) async throws(OperationError) -> RNGRetrieveResponse {
        do {
            return RNGRetrieveResponse(data: try CryptoEngine().randomBytes(request))
        } catch {
            throw OperationError(error)
        }
    }
}
