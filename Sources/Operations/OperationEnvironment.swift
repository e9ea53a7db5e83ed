import Foundation
import KMIP
import Logging
import TTLV
import KeyStore

/// What every operation runs with: the store, the connection's adapter, the server's policy,
/// the registry of operations that dispatched it, the protocol version of the request, the time
/// the request arrived, and the operator's log.
struct OperationEnvironment: Sendable {
    let store: any StateStore
    let registry: OperationRegistry
    let adapter: AdapterContext
    let policy: ServerPolicy
    let version: ProtocolVersion
    let now: Date
    let logger: Logger

    /// Runs a store call, turning its failures into KMIP results for this adapter.
    func store<T>(_ objectIdentifier: String?, _ body: (any StateStore) async throws -> T) async throws(OperationError) -> T {
        do {
            return try await body(store)
        } catch let error as KeyStoreError {
            throw failure(error, objectIdentifier: objectIdentifier)
        } catch let error as OperationError {
            throw error
        } catch {
            throw OperationError.internalFailure("the key store failed", cause: error, logger: logger)
        }
    }

    /// The store's failure as this adapter's client sees it; internal failures are logged.
    func failure(_ error: KeyStoreError, objectIdentifier: String?) -> OperationError {
        OperationError(error, objectIdentifier: objectIdentifier, logger: logger)
    }
}
