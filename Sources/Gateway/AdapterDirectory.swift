import KeyStore
import Synchronization

/// Each adapter's quotas as the configuration in force sets them, by adapter id: what the
/// handler puts in every request's ``AdapterContext``. Replaced as a whole on every reload,
/// together with the client registry.
public final class AdapterDirectory: Sendable {
    private let limits = Mutex<[Int64: AdapterLimits]>([:])

    /// - Parameter configuration: the configuration to start from; none gives every adapter the
    ///   default limits until the first ``update(from:)``.
    public init(_ configuration: StoreConfiguration? = nil) {
        if let configuration { update(from: configuration) }
    }

    /// Takes the limits of every adapter of `configuration`.
    public func update(from configuration: StoreConfiguration) {
        let table = Dictionary(configuration.adapters.map { ($0.id, $0.limits) }, uniquingKeysWith: { first, _ in first })
        limits.withLock { $0 = table }
    }

    /// The limits of adapter `id`; the defaults for an adapter the directory has not seen.
    public func limits(of id: Int64) -> AdapterLimits {
        limits.withLock { $0[id] } ?? .default
    }
}
