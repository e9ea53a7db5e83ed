import ArgumentParser
import Foundation
import Gateway
import KMIP
import KMIPServer
import KeyStore
import Logging
import Metrics
import NIOCore
import NIOPosix
import NIOSSL
import Operations
import Prometheus
import UnixSignals

/// `kmipgw serve`: KMIP over mutual TLS for every adapter in the store, reloading on every apply.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve KMIP (TTLV over mutual TLS) to the clients registered in the store.",
        discussion: """
            Only a client presenting a certificate registered to an adapter (by SHA-256 fingerprint, \
            inside its validity dates) completes the handshake, and it sees only its adapter's objects. \
            An apply made while serving takes effect within a second; SIGHUP forces a reload; SIGTERM \
            finishes in-flight requests and exits 0. With --metrics-listen, Prometheus metrics are served \
            at http://HOST:PORT/metrics.
            """
    )

    @OptionGroup var store: StoreOptions

    @Option(help: ArgumentHelp("Address and port to listen on.", valueName: "host:port"))
    var listen = "0.0.0.0:5696"

    @Option(help: ArgumentHelp("Server certificate chain (PEM); default: the one `kmipgw init` made.", valueName: "file"))
    var tlsCert: String?

    @Option(help: ArgumentHelp("Server private key (PEM); default: the one `kmipgw init` made.", valueName: "file"))
    var tlsKey: String?

    @Option(help: ArgumentHelp("Protocol versions offered, most preferred first.", valueName: "list"))
    var kmipVersions = "1.4,1.3,1.2,1.1,1.0"

    @Option(help: "Largest request accepted, in bytes.")
    var maxMessageSize = 1 << 20

    @Option(help: "Most connections open at once; at the limit the oldest connection still in its TLS handshake makes room.")
    var maxConnections = 4096

    @Option(help: "Most connections open at once from one IP address, with the same rule.")
    var maxConnectionsPerAddress = 512

    @Option(help: "Seconds a connection may stay idle between requests.")
    var idleTimeout = 300

    @Option(help: "Seconds allowed for the TLS handshake.")
    var handshakeTimeout = 10

    @Option(help: ArgumentHelp(
        "Lowest TLS version accepted: 1.2 (ECDHE with AES-GCM or ChaCha20-Poly1305 only) or 1.3.", valueName: "version"))
    var tlsMinVersion = "1.2"

    @Option(help: ArgumentHelp("Audit log, JSON lines: a file to append to, or - for standard error.", valueName: "file"))
    var auditLog = "-"

    @Option(help: ArgumentHelp(
        "What happens to requests while the audit log cannot be written: refuse (General Failure, not run) or continue.",
        valueName: "policy"))
    var auditFailure = AuditLog.FailurePolicy.refuse.rawValue

    @Option(help: "Most batch items in one request message.")
    var maxBatchItems = ServerPolicy.defaultMaximumBatchItems

    @Option(help: "Largest response message, in bytes; a request's Maximum Response Size may only lower it.")
    var maxResponseSize = ServerPolicy.defaultMaximumResponseSize

    @Option(help: "Locate results returned when a request gives no Maximum Items.")
    var locateDefaultItems = ServerPolicy.defaultDefaultLocateItems

    @Option(help: "Most Locate results returned, whatever Maximum Items asks for.")
    var locateMaxItems = ServerPolicy.defaultMaximumLocateItems

    @Option(help: ArgumentHelp("Log level: trace, debug, info, notice, warning, error.", valueName: "level"))
    var logLevel = "info"

    @Option(help: ArgumentHelp(
        "Log lines on standard error: text (time level label: message key=value…) or json (one object per line).",
        valueName: "format"))
    var logFormat: LineLogHandler.Format = .text

    @Option(help: ArgumentHelp(
        "Serve Prometheus metrics over plain HTTP at /metrics on this address and port (off by default).",
        valueName: "host:port"))
    var metricsListen: String?

    @Option(help: ArgumentHelp(
        "Event-loop threads for TLS and framing; requests are answered on Swift's concurrency pool, which uses every core. Default: half the cores, at least 1.",
        valueName: "n"))
    var eventLoops: Int?

    /// Half the cores: TLS on the loops and request handling on the concurrency pool then do not
    /// fight over the same cores (docs/performance.md has the measurement).
    static var defaultEventLoops: Int { max(1, System.coreCount / 2) }

    func validate() throws {
        if let eventLoops, eventLoops < 1 { throw ValidationError("--event-loops must be at least 1 (got \(eventLoops))") }
        guard Self.parseListen(listen) != nil else {
            throw ValidationError("--listen must be host:port, for example 127.0.0.1:5696 (got \(listen))")
        }
        if let metricsListen, Self.parseListen(metricsListen) == nil {
            throw ValidationError("--metrics-listen must be host:port, for example 127.0.0.1:9464 (got \(metricsListen))")
        }
        guard Self.parseVersions(kmipVersions) != nil else {
            throw ValidationError("--kmip-versions must list versions from 1.0 to 1.4, for example 1.4,1.3 (got \(kmipVersions))")
        }
        guard maxMessageSize >= 1024 else { throw ValidationError("--max-message-size must be at least 1024") }
        guard AuditLog.FailurePolicy(rawValue: auditFailure) != nil else {
            throw ValidationError("--audit-failure must be refuse or continue (got \(auditFailure))")
        }
        guard maxBatchItems >= 1 else { throw ValidationError("--max-batch-items must be at least 1 (got \(maxBatchItems))") }
        guard maxResponseSize >= 1024 else { throw ValidationError("--max-response-size must be at least 1024 (got \(maxResponseSize))") }
        guard locateMaxItems >= 1 else { throw ValidationError("--locate-max-items must be at least 1 (got \(locateMaxItems))") }
        guard (1...locateMaxItems).contains(locateDefaultItems) else {
            throw ValidationError("--locate-default-items must be between 1 and --locate-max-items \(locateMaxItems) (got \(locateDefaultItems))")
        }
        guard maxConnections >= 1, maxConnectionsPerAddress >= 1 else {
            throw ValidationError("--max-connections and --max-connections-per-address must be at least 1")
        }
        guard Self.parseTLSVersion(tlsMinVersion) != nil else {
            throw ValidationError("--tls-min-version must be 1.2 or 1.3 (got \(tlsMinVersion))")
        }
    }

    func run() async throws {
        // A closed standard error or audit pipe must not kill the server: writes then fail with
        // EPIPE, which the audit log handles and the logger ignores.
        signal(SIGPIPE, SIG_IGN)
        let format = logFormat
        var logger = Logger(label: "kmipgw") { LineLogHandler(label: $0, format: format) }
        logger.logLevel = Logger.Level(rawValue: logLevel) ?? .info
        let location = store.location
        let stateStore = try store.open(logger: logger)
        let versions = Self.parseVersions(kmipVersions)!
        let serverConfiguration: KMIPServerConfiguration
        do {
            serverConfiguration = try self.serverConfiguration(
                certificateChainFile: tlsCert ?? location.serverCertificateFile, privateKeyFile: tlsKey ?? location.serverKeyFile)
        } catch {
            throw StoreOptions.fail("cannot load the server certificate or key: \(error)")
        }
        let loops = MultiThreadedEventLoopGroup(numberOfThreads: eventLoops ?? Self.defaultEventLoops)
        do {
            try await serve(stateStore, serverConfiguration, versions, loops, logger)
        } catch {
            stateStore.close()
            try? await loops.shutdownGracefully()
            throw error
        }
        stateStore.close()
        try? await loops.shutdownGracefully()
    }

    private func serve(
        _ stateStore: any StateStore, _ serverConfiguration: KMIPServerConfiguration, _ versions: [ProtocolVersion],
        _ loops: MultiThreadedEventLoopGroup, _ logger: Logger
    ) async throws {
        let location = store.location
        let (metricsFactory, metricsEndpoint) = bootstrapMetrics()
        let gateway: Gateway
        do {
            gateway = try await Gateway.build(
                store: stateStore,
                configuration: GatewayConfiguration(
                    server: serverConfiguration,
                    policy: ServerPolicy(
                        protocolVersions: versions, maximumBatchItems: maxBatchItems, defaultLocateItems: locateDefaultItems,
                        maximumLocateItems: locateMaxItems, maximumResponseSize: maxResponseSize),
                    audit: .file(auditLog), auditFailurePolicy: AuditLog.FailurePolicy(rawValue: auditFailure)!,
                    metricsEndpoint: metricsEndpoint, eventLoopGroup: loops),
                logger: logger, metricsFactory: metricsFactory)
        } catch let error as GatewayError {
            let reason = error.code == .storeReadOnly
                ? "the state directory \(location.directory) cannot be written; serve needs write access to its store"
                : error.reason
            throw StoreOptions.fail(reason)
        }
        let announce = Task {
            if let address = try? await gateway.server.listeningAddress() {
                let offered = versions.map { $0.description }.joined(separator: ", ")
                let configuration = gateway.initialConfiguration
                let message = "kmipgw serving KMIP \(offered) on \(Self.hostPort(address)) (\(configuration.adapters.count) adapters, "
                    + "\(configuration.certificates.count) client certificates)\n"
                    + "server certificate: \(tlsCert ?? location.serverCertificateFile)\n"
                    + (gateway.metricsEndpoint.map { "metrics: http://\(Self.hostPort($0.address))/metrics\n" } ?? "")
                // Not FileHandle.write(_:), which traps when standard error is a closed pipe.
                try? FileHandle.standardError.write(contentsOf: Data(message.utf8))
            }
        }
        defer { announce.cancel() }
        try await gateway.run(gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
    }

    /// The listener's configuration from the flags, with the server certificate and key read from these files.
    func serverConfiguration(certificateChainFile: String, privateKeyFile: String) throws -> KMIPServerConfiguration {
        let (host, port) = Self.parseListen(listen)!
        var configuration = try KMIPServerConfiguration.fromPEMFiles(
            host: host, port: port, certificateChainFile: certificateChainFile, privateKeyFile: privateKeyFile)
        configuration.maximumMessageSize = maxMessageSize
        configuration.maximumConnections = maxConnections
        configuration.maximumConnectionsPerAddress = maxConnectionsPerAddress
        configuration.idleTimeout = .seconds(Int64(idleTimeout))
        configuration.handshakeTimeout = .seconds(Int64(handshakeTimeout))
        configuration.minimumTLSVersion = Self.parseTLSVersion(tlsMinVersion)!
        return configuration
    }

    static func parseTLSVersion(_ text: String) -> TLSVersion? {
        switch text {
        case "1.2": .tlsv12
        case "1.3": .tlsv13
        default: nil
        }
    }

    /// With `--metrics-listen`: bootstraps the process's `MetricsSystem` with a Prometheus
    /// registry, and returns the endpoint's configuration for the gateway to bind. Without it,
    /// metrics go nowhere and cost next to nothing.
    private func bootstrapMetrics() -> (any MetricsFactory, GatewayConfiguration.MetricsEndpointConfiguration?) {
        guard let metricsListen, let (host, port) = Self.parseListen(metricsListen) else {
            return (NOOPMetricsHandler.instance, nil)
        }
        let registry = PrometheusCollectorRegistry()
        var factory = PrometheusMetricsFactory(registry: registry)
        // The default buckets start at 5 ms; a request here usually takes well under one.
        factory.durationHistogramBuckets["kmipgw_request_duration_seconds"] = [
            .microseconds(50), .microseconds(100), .microseconds(250), .microseconds(500), .milliseconds(1),
            .microseconds(2500), .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50),
            .milliseconds(100), .milliseconds(250), .seconds(1),
        ]
        MetricsSystem.bootstrap(factory)
        return (factory, .init(host: host, port: port, registry: registry))
    }

    /// `host:port` of a bound address, an IPv6 host in brackets.
    static func hostPort(_ address: SocketAddress) -> String {
        let host = address.ipAddress ?? "?"
        return "\(host.contains(":") ? "[\(host)]" : host):\(address.port ?? 0)"
    }

    static func parseListen(_ text: String) -> (String, Int)? {
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]), (0...65535).contains(port) else {
            return nil
        }
        var host = String(text[..<colon])
        if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        return (host.isEmpty ? "0.0.0.0" : host, port)
    }

    static func parseVersions(_ text: String) -> [ProtocolVersion]? {
        let versions = text.split(separator: ",").map { ProtocolVersion(String($0).trimmingCharacters(in: .whitespaces)) }
        guard !versions.isEmpty, versions.allSatisfy({ $0.map { ProtocolVersion.supported.contains($0) } ?? false }) else { return nil }
        return versions.compactMap { $0 }
    }
}
