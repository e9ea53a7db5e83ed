import KMIPServer
import KeyStore
import Logging
import Metrics
import NIOCore
import Operations
import ServiceLifecycle
import UnixSignals

/// A running kmipgw, assembled from a store: the KMIP server answering through the Operations
/// layer, the client registry and adapter limits kept current by the reload service, the audit
/// log, and the metrics endpoint when one is configured.
///
/// `kmipgw serve` and the whole-stack tests build it with the same
/// ``build(store:configuration:logger:metricsFactory:)``, as hummingbird applications are built by
/// one `buildApplication` that their tests reuse, so the tests exercise the wiring that ships.
public struct Gateway: Sendable {
    /// The KMIP listener.
    public let server: KMIPServer
    /// Keeps the registry and ``adapters`` equal to the store's configuration.
    public let reload: ReloadService
    /// One line per batch item.
    public let audit: AuditLog
    /// Each adapter's quotas as the configuration in force sets them.
    public let adapters: AdapterDirectory
    /// The scrape endpoint, already listening, when the configuration asks for one.
    public let metricsEndpoint: MetricsEndpoint?
    /// The store's configuration when the gateway was built.
    public let initialConfiguration: StoreConfiguration

    /// Builds every part from `store` and binds the metrics endpoint, so that a bad address, an
    /// unwritable store or an unopenable audit log fails here, before anything serves. The KMIP
    /// listener binds when ``run(gracefulShutdownSignals:logger:)`` (or the server's own `run()`) starts.
    ///
    /// - Parameters:
    ///   - store: Where configuration and KMIP objects live; it must be writable.
    ///   - metricsFactory: Where the server's, the gateway's and the audit log's metrics are made;
    ///     for a scrape endpoint, one that feeds its registry.
    /// - Throws: ``GatewayError``.
    public static func build(
        store: any StateStore, configuration: GatewayConfiguration, logger: Logger,
        metricsFactory: any MetricsFactory = MetricsSystem.factory
    ) async throws -> Gateway {
        // Every Create and lifecycle change writes: a server on a read-only store would start and
        // then fail each of them.
        guard !store.isReadOnly else {
            throw GatewayError(.storeReadOnly, "the store cannot be written; serving needs write access to it")
        }
        let initial: StoreConfiguration
        do {
            initial = try store.configuration()
        } catch let error as KeyStoreError {
            throw GatewayError(.storeUnreadable, "cannot read the store's configuration: \(error.reason)")
        }
        let audit: AuditLog
        switch configuration.audit {
        case .lines(let sink):
            audit = AuditLog(sink: sink)
        case .file(let path):
            do {
                audit = try AuditLog.file(
                    path, failurePolicy: configuration.auditFailurePolicy, logger: logger, metricsFactory: metricsFactory)
            } catch {
                throw GatewayError(.auditLogUnavailable, "cannot open the audit log \(path): \(error)")
            }
        }
        let adapters = AdapterDirectory(initial)
        let processor = RequestProcessor(
            store: store, policy: configuration.policy, maximumMessageSize: configuration.server.maximumMessageSize,
            logger: logger)
        let server: KMIPServer
        do {
            server = try KMIPServer(
                configuration: configuration.server, registry: RegistryLoader.registry(from: initial),
                handler: GatewayHandler(processor: processor, audit: audit, metricsFactory: metricsFactory, adapters: adapters),
                eventLoopGroup: configuration.eventLoopGroup, logger: logger, metricsFactory: metricsFactory)
        } catch {
            throw GatewayError(.serverUnavailable, "cannot set up the KMIP server's TLS: \(error)")
        }
        var endpoint: MetricsEndpoint?
        if let metrics = configuration.metricsEndpoint {
            do {
                endpoint = try await MetricsEndpoint.bind(
                    host: metrics.host, port: metrics.port, registry: metrics.registry, logger: logger,
                    limits: metrics.limits, eventLoopGroup: configuration.eventLoopGroup)
            } catch {
                throw GatewayError(
                    .metricsEndpointUnavailable, "cannot serve metrics on \(metrics.host):\(metrics.port): \(error)")
            }
        }
        let reload = ReloadService(
            store: store, server: server, interval: configuration.reloadInterval, logger: logger, adapters: adapters)
        return Gateway(
            server: server, reload: reload, audit: audit, adapters: adapters, metricsEndpoint: endpoint,
            initialConfiguration: initial)
    }

    /// The parts to run, in the order a `ServiceGroup` starts them (and the reverse of the order
    /// it stops them): the metrics endpoint first, so that a scrape during the drain still sees
    /// the server; the server's end, for whatever reason, ends the group.
    public var services: [ServiceGroupConfiguration.ServiceConfiguration] {
        var services: [ServiceGroupConfiguration.ServiceConfiguration] = [
            .init(
                service: server, successTerminationBehavior: .gracefullyShutdownGroup,
                failureTerminationBehavior: .gracefullyShutdownGroup),
            .init(service: reload),
            .init(service: audit),
        ]
        if let metricsEndpoint { services.insert(.init(service: metricsEndpoint), at: 0) }
        return services
    }

    /// Runs every part until the server stops, a signal in `gracefulShutdownSignals` arrives or
    /// the task is cancelled; then drains (in-flight requests finish) and returns.
    public func run(gracefulShutdownSignals: [UnixSignal] = [], logger: Logger) async throws {
        let group = ServiceGroup(configuration: ServiceGroupConfiguration(
            services: services, gracefulShutdownSignals: gracefulShutdownSignals, logger: logger))
        try await group.run()
    }
}
