import Foundation
import Metrics
import Logging
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import NIOSSL
import ServiceLifecycle

/// The KMIP listener: mutual TLS pinned to registered client certificates, TTLV framing, one
/// request loop per connection, reload without restart, graceful drain on shutdown.
///
/// A `Service`: run it in a `ServiceGroup`; a graceful shutdown stops accepting, lets in-flight
/// requests finish (up to ``KMIPServerConfiguration/shutdownGracePeriod``) and returns.
public final class KMIPServer: Service, Sendable {
    enum State {
        case initial(waiters: [CheckedContinuation<SocketAddress, any Error>])
        case starting(waiters: [CheckedContinuation<SocketAddress, any Error>])
        case running(address: SocketAddress, serverChannel: any Channel)
        case shuttingDown(address: SocketAddress)
        case finished
    }

    /// What the child-channel initializer hands the accept loop.
    struct Accepted: Sendable {
        var channel: NIOAsyncChannel<KMIPInboundFrame, ByteBuffer>
        var identity: NIOLockedValueBox<ClientIdentity?>
        var peer: SocketAddress?
    }

    private let configuration: KMIPServerConfiguration
    private let handler: any KMIPRequestHandler
    private let eventLoopGroup: any EventLoopGroup
    private let logger: Logger
    private let sslContext: NIOSSLContext
    private let registryBox: NIOLockedValueBox<ClientRegistry>
    private let verifier: FingerprintVerifier
    private let connections: LiveConnections
    private let metrics: KMIPServerMetrics
    private let now: @Sendable () -> Date
    private let state = NIOLockedValueBox(State.initial(waiters: []))

    /// - Parameters:
    ///   - configuration: Where to listen, TLS identity, limits.
    ///   - registry: The client certificates allowed at first; replace with ``updateRegistry(_:)``.
    ///   - handler: Answers each request (the Operations layer).
    ///   - eventLoopGroup: Shared loops; the NIO singleton by default.
    ///   - logger: Connection events (accept, identity, refusal, close) go here as metadata; never bytes.
    ///   - metricsFactory: Where the connection metrics (`kmipgw_connections_open`,
    ///     `kmipgw_connections_total`, `kmipgw_handshakes_refused_total`,
    ///     `kmipgw_connections_closed_total`) are made; the bootstrapped `MetricsSystem` by default.
    ///   - now: The wall clock certificate validity is checked against, at the handshake and
    ///     before each request; injectable so expiry can be tested without waiting for it.
    /// - Throws: ``KMIPServerError`` or `NIOSSLError` when the certificate or key cannot be used.
    public init(
        configuration: KMIPServerConfiguration, registry: ClientRegistry, handler: some KMIPRequestHandler,
        eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton, logger: Logger,
        metricsFactory: any MetricsFactory = MetricsSystem.factory, now: @escaping @Sendable () -> Date = Date.init
    ) throws {
        self.configuration = configuration
        self.handler = handler
        self.eventLoopGroup = eventLoopGroup
        self.logger = logger
        self.sslContext = try configuration.makeSSLContext()
        self.registryBox = NIOLockedValueBox(registry)
        self.verifier = FingerprintVerifier(registry: registryBox, now: now)
        self.now = now
        self.connections = LiveConnections(
            limit: configuration.maximumConnections, perAddressLimit: configuration.maximumConnectionsPerAddress)
        self.metrics = KMIPServerMetrics(factory: metricsFactory)
    }

    // MARK: Public controls

    /// The registry handshakes are checked against now.
    public var registry: ClientRegistry { registryBox.withLockedValue { $0 } }

    /// How many connections are open (handshaking or serving).
    public var connectionCount: Int { connections.count }

    /// Swaps in a new set of client certificates at once: new handshakes use it immediately,
    /// open connections whose certificate is gone (or now maps to another identity) are closed,
    /// every other connection stays.
    public func updateRegistry(_ registry: ClientRegistry) {
        registryBox.withLockedValue { $0 = registry }
        let revoked = connections.channels(revokedBy: registry)
        if !revoked.isEmpty {
            logger.notice("closing connections of removed certificates", metadata: ["event": "reload", "closed": "\(revoked.count)"])
        }
        for channel in revoked {
            channel.pipeline.fireErrorCaught(KMIPServerError(code: .certificateRevoked, reason: "certificate no longer registered"))
            channel.close(promise: nil)
        }
    }

    /// The address the server listens on, once it does (waits for ``run()`` to bind); with port 0
    /// this is where the chosen port is read.
    public func listeningAddress() async throws -> SocketAddress {
        try await withCheckedThrowingContinuation { continuation in
            let ready: Result<SocketAddress, any Error>? = state.withLockedValue { state in
                switch state {
                case .initial(var waiters):
                    waiters.append(continuation)
                    state = .initial(waiters: waiters)
                    return nil
                case .starting(var waiters):
                    waiters.append(continuation)
                    state = .starting(waiters: waiters)
                    return nil
                case .running(let address, _), .shuttingDown(let address):
                    return .success(address)
                case .finished:
                    return .failure(KMIPServerError(code: .notRunning, reason: "the server has stopped"))
                }
            }
            if let ready { continuation.resume(with: ready) }
        }
    }

    // MARK: Service

    public func run() async throws {
        let waiting: [CheckedContinuation<SocketAddress, any Error>]? = state.withLockedValue { state in
            guard case .initial(let waiters) = state else { return nil }
            state = .starting(waiters: waiters)
            return []
        }
        guard waiting != nil else {
            throw KMIPServerError(code: .alreadyStarted, reason: "run() may be called once")
        }

        let serverChannel: NIOAsyncChannel<Accepted, Never>
        do {
            serverChannel = try await ServerBootstrap(group: eventLoopGroup)
                .serverChannelOption(.backlog, value: 256)
                .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
                .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
                .bind(host: configuration.host, port: configuration.port) { channel in
                    channel.eventLoop.makeCompletedFuture { try self.initialize(channel) }
                }
        } catch {
            finish(error: error)
            throw error
        }
        let address = serverChannel.channel.localAddress!
        let waiters: [CheckedContinuation<SocketAddress, any Error>] = state.withLockedValue { state in
            guard case .starting(let waiters) = state else { return [] }
            state = .running(address: address, serverChannel: serverChannel.channel)
            return waiters
        }
        waiters.forEach { $0.resume(returning: address) }
        logger.info("listening", metadata: ["event": "listen", "address": "\(address)"])

        let graceTimer = NIOLockedValueBox<Scheduled<Void>?>(nil)
        defer {
            graceTimer.withLockedValue { $0?.cancel() }
            finish(error: nil)
        }
        try await withGracefulShutdownHandler {
            try await withThrowingDiscardingTaskGroup { group in
                try await serverChannel.executeThenClose { inbound in
                    for try await accepted in inbound {
                        group.addTask { await self.serve(accepted) }
                    }
                }
            }
        } onGracefulShutdown: {
            self.beginShutdown(graceTimer: graceTimer)
        }
        logger.info("stopped", metadata: ["event": "stop"])
    }

    // MARK: Pipeline

    private func initialize(_ channel: any Channel) throws -> Accepted {
        let peer = channel.remoteAddress
        let identity = NIOLockedValueBox<ClientIdentity?>(nil)
        let tls = NIOSSLServerHandler(
            context: sslContext,
            customVerificationCallback: verifier.callback(peer: peer, accepted: identity, logger: logger, metrics: metrics),
            configuration: .init()
        )
        try channel.pipeline.syncOperations.addHandlers(
            tls,
            ByteToMessageHandler(KMIPRequestDecoder(maximumMessageSize: configuration.maximumMessageSize)),
            KMIPConnectionHandler(timeouts: configuration.connectionTimeouts)
        )
        let asyncChannel = try NIOAsyncChannel<KMIPInboundFrame, ByteBuffer>(wrappingChannelSynchronously: channel)
        return Accepted(channel: asyncChannel, identity: identity, peer: peer)
    }

    /// One connection from accept to close; never throws, so one bad client never touches another.
    private func serve(_ accepted: Accepted) async {
        let peer = "\(accepted.peer.map { "\($0)" } ?? "unknown")"
        metrics.accepted.increment()
        guard case .admitted(let id, let evicted) = connections.admit(accepted.channel.channel, address: accepted.peer?.ipAddress) else {
            logger.warning("connection refused", metadata: ["event": "refuse", "peer": "\(peer)", "reason": "connection limit or shutdown"])
            metrics.closed(.connectionLimit)
            try? await accepted.channel.channel.close()
            return
        }
        for channel in evicted {
            channel.pipeline.fireErrorCaught(KMIPServerError(
                code: .evicted, reason: "still in the TLS handshake when a connection limit was reached"))
            channel.close(promise: nil)
        }
        metrics.open.increment()
        defer {
            connections.release(id)
            metrics.open.decrement()
        }
        logger.debug("connection accepted", metadata: ["event": "accept", "peer": "\(peer)"])

        var client: ClientIdentity?
        var validUntil = Date.distantPast
        var requests = 0
        var closeReason = "closed"
        // The log's reason may quote an error; the metric's label must stay within a closed set.
        var metricReason = KMIPServerMetrics.CloseReason.closed
        do {
            try await accepted.channel.executeThenClose { inbound, outbound in
                for try await frame in inbound {
                    switch frame {
                    case .established:
                        guard let (identity, session) = await establishedIdentity(accepted) else {
                            closeReason = "handshake refused"
                            metricReason = .handshakeFailed
                            return
                        }
                        client = identity
                        connections.bind(id, to: identity)
                        logger.info("client connected", metadata: metadata(["session": "\(session)"], "connect", identity, peer))
                        // A reload between the handshake and the bind above did not see this
                        // connection; check again so a removed certificate never stays connected.
                        guard let entry = registryBox.withLockedValue({ $0[identity.fingerprint] }), entry.identity == identity else {
                            closeReason = "\(KMIPServerError.Code.certificateRevoked)"
                            metricReason = .certificateRevoked
                            return
                        }
                        validUntil = entry.notValidAfter
                    case .request(let bytes):
                        guard let client else { return }
                        // The handshake checked the validity; a certificate that expires while
                        // its connection stays open gets no further answer either.
                        guard now() <= validUntil else {
                            closeReason = "\(KMIPServerError.Code.certificateExpired)"
                            metricReason = .certificateExpired
                            return
                        }
                        requests += 1
                        try await outbound.write(await handler.handle(bytes, from: client, peer: accepted.peer))
                    case .oversized(let version, let announced):
                        logger.notice("message too large", metadata: metadata(["announced": "\(announced)"], "oversized", client, peer))
                        try await outbound.write(InvalidMessageResponse.encoded(
                            version: version,
                            message: "message of \(announced) bytes exceeds the maximum of \(configuration.maximumMessageSize)"
                        ))
                    }
                }
            }
        } catch let error as KMIPServerError {
            closeReason = "\(error.code)"
            metricReason = KMIPServerMetrics.CloseReason(error.code)
            if error.code == .handshakeTimeout { metrics.handshakeTimedOut() }
        } catch {
            closeReason = client == nil ? "handshake failed: \(error)" : "\(error)"
            metricReason = client == nil ? .handshakeFailed : .error
        }
        metrics.closed(metricReason)
        logger.info(
            "connection closed",
            metadata: metadata(["requests": "\(requests)", "reason": "\(closeReason)"], "close", client, peer)
        )
    }

    /// Who the client is once TLS is established, and whether its session is `new` or `resumed`;
    /// `nil` when it may not connect.
    ///
    /// A full handshake ran the verification callback, which recorded the identity. A resumed
    /// session (TLS 1.2 session ID or ticket, TLS 1.3 PSK) skips that callback in BoringSSL, so its
    /// certificate, kept in the session, is checked here against the registry and the clock as
    /// they are now: a certificate removed or expired since the session began never reaches KMIP.
    private func establishedIdentity(_ accepted: Accepted) async -> (ClientIdentity, String)? {
        if let identity = accepted.identity.withLockedValue({ $0 }) { return (identity, "new") }
        let certificate = try? await accepted.channel.channel.nioSSL_peerCertificate().get()
        let identity = verifier.admit(
            chain: certificate.map { [$0] } ?? [], session: "resumed", peer: accepted.peer, logger: logger, metrics: metrics)
        return identity.map { ($0, "resumed") }
    }

    private func metadata(_ extra: Logger.Metadata, _ event: String, _ client: ClientIdentity?, _ peer: String) -> Logger.Metadata {
        var metadata = extra
        metadata["event"] = "\(event)"
        metadata["peer"] = "\(peer)"
        if let client {
            metadata["fingerprint"] = "\(client.fingerprint)"
            metadata["instance"] = "\(client.instance)"
            metadata["adapter"] = "\(client.adapter)"
        }
        return metadata
    }

    // MARK: Shutdown

    private func beginShutdown(graceTimer: NIOLockedValueBox<Scheduled<Void>?>) {
        let serverChannel: (any Channel)? = state.withLockedValue { state in
            guard case .running(let address, let channel) = state else { return nil }
            state = .shuttingDown(address: address)
            return channel
        }
        logger.info("shutting down", metadata: ["event": "shutdown", "connections": "\(connections.count)"])
        serverChannel?.close(promise: nil)
        // Each connection closes itself once its in-flight requests are answered.
        for channel in connections.closeForShutdown() {
            channel.pipeline.fireUserInboundEventTriggered(ChannelShouldQuiesceEvent())
        }
        let connections = self.connections
        let task = eventLoopGroup.next().scheduleTask(in: configuration.shutdownGracePeriod) {
            for channel in connections.all { channel.close(promise: nil) }
        }
        graceTimer.withLockedValue { $0 = task }
    }

    private func finish(error: (any Error)?) {
        let waiters: [CheckedContinuation<SocketAddress, any Error>] = state.withLockedValue { state in
            defer { state = .finished }
            switch state {
            case .initial(let waiters), .starting(let waiters): return waiters
            default: return []
            }
        }
        let failure = error ?? KMIPServerError(code: .notRunning, reason: "the server has stopped")
        waiters.forEach { $0.resume(throwing: failure) }
    }
}
