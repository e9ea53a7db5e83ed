import Logging
import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1
import NIOPosix
import Prometheus
import ServiceLifecycle

/// The Prometheus scrape endpoint of `kmipgw serve --metrics-listen`: plain HTTP/1.1 answering
/// `GET /metrics` with the registry in the text exposition format, 404 for any other path and 405
/// for any other method on `/metrics`.
///
/// Deliberately minimal (no TLS, no other routes): it exposes counters only, none of which name
/// a client or a key, so an operator can firewall it like any other node exporter port.
///
/// Like any listener facing a network, it bounds what a peer can hold: a request must be complete
/// within ``Limits/requestTimeout`` of the connection's start or of the previous response
/// (``MetricsConnectionTimer``), and connections beyond ``Limits/maximumConnections`` are closed at
/// accept, so half-sent requests cannot pile up.
///
/// Made by ``bind(host:port:registry:logger:limits:eventLoopGroup:)`` so that a bad address fails before
/// the service group starts; ``run()`` then serves until graceful shutdown.
public struct MetricsEndpoint: Service {
    typealias Connection = NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>

    /// What one peer can hold of the endpoint.
    public struct Limits: Sendable {
        /// A request must be whole within this long of the connection's start or of the last response.
        public var requestTimeout: TimeAmount = .seconds(10)
        /// Connections open at once; more are closed at accept. A scraper needs one.
        public var maximumConnections = 16

        public init(requestTimeout: TimeAmount = .seconds(10), maximumConnections: Int = 16) {
            self.requestTimeout = requestTimeout
            self.maximumConnections = maximumConnections
        }
    }

    /// The content type Prometheus expects for the text format.
    static let contentType = "text/plain; version=0.0.4; charset=utf-8"

    /// Where it listens; with port 0 this holds the port the system chose.
    public let address: SocketAddress
    private let listener: NIOAsyncChannel<Connection, Never>
    private let registry: PrometheusCollectorRegistry
    private let logger: Logger
    private let limits: Limits
    private let open = NIOLockedValueBox(0)

    private init(
        listener: NIOAsyncChannel<Connection, Never>, registry: PrometheusCollectorRegistry, logger: Logger, limits: Limits
    ) throws {
        guard let address = listener.channel.localAddress else {
            throw ChannelError.unknownLocalAddress
        }
        self.address = address
        self.listener = listener
        self.registry = registry
        self.logger = logger
        self.limits = limits
    }

    /// Binds the listening socket now; serving starts with ``run()``.
    public static func bind(
        host: String, port: Int, registry: PrometheusCollectorRegistry, logger: Logger, limits: Limits = Limits(),
        eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton
    ) async throws -> MetricsEndpoint {
        let listener = try await ServerBootstrap(group: eventLoopGroup)
            .serverChannelOption(.backlog, value: 32)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .bind(host: host, port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                    try channel.pipeline.syncOperations.addHandler(MetricsConnectionTimer(timeout: limits.requestTimeout))
                    return try Connection(wrappingChannelSynchronously: channel)
                }
            }
        return try MetricsEndpoint(listener: listener, registry: registry, logger: logger, limits: limits)
    }

    public func run() async throws {
        logger.info("serving metrics", metadata: ["event": "metrics_listen", "address": "\(address)"])
        // Shutdown closes the listener rather than abandoning the accept loop: a connection accepted
        // just before would otherwise be dropped without `executeThenClose`, which NIO traps on.
        // The loop then serves what is left, and each connection loop ends on graceful shutdown,
        // so an idle keep-alive scraper does not hold the group up.
        try await withGracefulShutdownHandler {
            try await withThrowingDiscardingTaskGroup { group in
                try await listener.executeThenClose { connections in
                    for try await connection in connections {
                        group.addTask { await serve(connection) }
                    }
                }
            }
        } onGracefulShutdown: {
            listener.channel.close(promise: nil)
        }
    }

    /// One scraper connection; errors end only this connection.
    private func serve(_ connection: Connection) async {
        let admitted = open.withLockedValue { open in
            guard open < limits.maximumConnections else { return false }
            open += 1
            return true
        }
        guard admitted else {
            logger.notice("metrics connection refused", metadata: ["event": "metrics_refuse", "reason": "connection limit"])
            try? await connection.executeThenClose { _, _ in }
            return
        }
        defer { open.withLockedValue { $0 -= 1 } }
        do {
            try await connection.executeThenClose { inbound, outbound in
                var request: HTTPRequestHead?
                for try await part in inbound.cancelOnGracefulShutdown() {
                    switch part {
                    case .head(let head):
                        request = head
                    case .body:
                        continue
                    case .end:
                        guard let head = request else { continue }
                        request = nil
                        try await respond(to: head, outbound)
                        if !head.isKeepAlive { return }
                    }
                }
            }
        } catch {
            logger.debug("metrics connection failed", metadata: ["event": "metrics_error", "error": "\(error)"])
        }
    }

    private func respond(to head: HTTPRequestHead, _ outbound: NIOAsyncChannelOutboundWriter<HTTPServerResponsePart>) async throws {
        let path = head.uri.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? head.uri
        let (status, body, allow) = Self.answer(method: head.method, path: path, registry: registry)
        var headers = HTTPHeaders()
        headers.add(name: "Content-Type", value: status == .ok ? Self.contentType : "text/plain; charset=utf-8")
        headers.add(name: "Content-Length", value: "\(body.count)")
        if let allow { headers.add(name: "Allow", value: allow) }
        if !head.isKeepAlive { headers.add(name: "Connection", value: "close") }
        try await outbound.write(.head(HTTPResponseHead(version: head.version, status: status, headers: headers)))
        try await outbound.write(.body(.byteBuffer(ByteBuffer(bytes: body))))
        try await outbound.write(.end(nil))
    }

    /// The status and body for a request: the routing, apart from the socket.
    static func answer(
        method: HTTPMethod, path: String, registry: PrometheusCollectorRegistry
    ) -> (status: HTTPResponseStatus, body: [UInt8], allow: String?) {
        guard path == "/metrics" else {
            return (.notFound, Array("not found; metrics are at /metrics\n".utf8), nil)
        }
        guard method == .GET else {
            return (.methodNotAllowed, Array("only GET is allowed\n".utf8), "GET")
        }
        var body: [UInt8] = []
        registry.emit(into: &body)
        return (.ok, body, nil)
    }
}
