import KMIPServer
import NIOCore
import NIOPosix
import Operations
import Prometheus

/// What a ``Gateway`` is built from besides its store: the KMIP listener, the request limits,
/// the audit log, the metrics endpoint and how often the store is checked for an apply.
/// `kmipgw serve` fills it from its flags; the tests from their fixtures.
public struct GatewayConfiguration: Sendable {
    /// Where the audit log's lines go.
    public enum AuditDestination: Sendable {
        /// Appended to a file (created 0600), or written to standard error for `-`.
        case file(String)
        /// Handed to a closure line by line, as they are made (tests, custom sinks).
        case lines(@Sendable (String) -> Void)
    }

    /// The Prometheus scrape endpoint, plain HTTP.
    public struct MetricsEndpointConfiguration: Sendable {
        public var host: String
        public var port: Int
        /// The registry the endpoint answers with; the metrics factory given to
        /// ``Gateway/build(store:configuration:logger:metricsFactory:)`` should feed it.
        public var registry: PrometheusCollectorRegistry
        public var limits: MetricsEndpoint.Limits

        public init(host: String, port: Int, registry: PrometheusCollectorRegistry, limits: MetricsEndpoint.Limits = .init()) {
            self.host = host
            self.port = port
            self.registry = registry
            self.limits = limits
        }
    }

    /// The KMIP listener: address, TLS identity, connection limits and timeouts.
    public var server: KMIPServerConfiguration
    /// The bounds of every request: versions offered, batch items, Locate results, response size.
    public var policy: ServerPolicy
    public var audit: AuditDestination
    /// What happens to requests while the audit log cannot be written.
    public var auditFailurePolicy: AuditLog.FailurePolicy
    /// The scrape endpoint; none by default.
    public var metricsEndpoint: MetricsEndpointConfiguration?
    /// How often the store's generation is checked for an apply made by another process.
    public var reloadInterval: Duration
    /// The event loops for TLS and framing; the caller owns them and shuts them down.
    public var eventLoopGroup: any EventLoopGroup

    public init(
        server: KMIPServerConfiguration, policy: ServerPolicy = ServerPolicy(), audit: AuditDestination = .file("-"),
        auditFailurePolicy: AuditLog.FailurePolicy = .refuse, metricsEndpoint: MetricsEndpointConfiguration? = nil,
        reloadInterval: Duration = .milliseconds(250), eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton
    ) {
        self.server = server
        self.policy = policy
        self.audit = audit
        self.auditFailurePolicy = auditFailurePolicy
        self.metricsEndpoint = metricsEndpoint
        self.reloadInterval = reloadInterval
        self.eventLoopGroup = eventLoopGroup
    }
}
