import KMIPServer
import KeyStore
import Logging
import ServiceLifecycle
import UnixSignals

/// Keeps the server's client registry equal to the store's configuration: it checks the store's
/// generation every `interval` (an `apply` in another process moves it) and on SIGHUP, and swaps
/// in a new registry when it moved. A failed reload keeps the previous registry and logs why.
public struct ReloadService: Service {
    let store: any StateStore
    let server: KMIPServer
    let interval: Duration
    let logger: Logger
    let adapters: AdapterDirectory?

    /// - Parameter adapters: updated with every reload, before the new registry takes effect.
    public init(
        store: any StateStore, server: KMIPServer, interval: Duration = .milliseconds(250), logger: Logger,
        adapters: AdapterDirectory? = nil
    ) {
        self.store = store
        self.server = server
        self.interval = interval
        self.logger = logger
        self.adapters = adapters
    }

    public func run() async throws {
        var generation = (try? store.generation()) ?? 0
        await withTaskGroup(of: Void.self) { group in
            // true: SIGHUP, reload whatever the generation says; false: a periodic check.
            let (triggers, continuation) = AsyncStream<Bool>.makeStream()
            group.addTask {
                for await _ in await UnixSignalsSequence(trapping: .sighup).cancelOnGracefulShutdown() {
                    continuation.yield(true)
                }
                continuation.finish()
            }
            group.addTask {
                while !Task.isCancelled && !Task.isShuttingDownGracefully {
                    try? await Task.sleep(for: interval)
                    continuation.yield(false)
                }
                continuation.finish()
            }
            for await forced in triggers.cancelOnGracefulShutdown() {
                generation = reload(after: generation, forced: forced)
            }
            group.cancelAll()
        }
    }

    /// Reloads when the generation moved, or always when `forced` (SIGHUP); returns the
    /// generation now in force.
    public func reload(after generation: UInt64, forced: Bool = false) -> UInt64 {
        do {
            let current = try store.generation()
            guard forced || current != generation else { return generation }
            let configuration = try store.configuration()
            adapters?.update(from: configuration)
            server.updateRegistry(RegistryLoader.registry(from: configuration))
            logger.info(
                "reloaded configuration",
                metadata: ["event": "reload", "generation": "\(configuration.generation)", "certificates": "\(configuration.certificates.count)"])
            return configuration.generation
        } catch {
            logger.error("reload failed; keeping the previous configuration", metadata: ["event": "reload", "error": "\(error)"])
            return generation
        }
    }
}
