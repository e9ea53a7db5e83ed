import NIOCore
import NIOPosix
import NIOSSL
import TTLV

/// Opens mutual-TLS connections to a KMIP server.
///
/// Build one per server and keep it: the TLS context (certificates, key, trust store) is made
/// once here and every connection reuses it and the event loop group, so a load generator pays
/// only for the handshake itself.
public final class KMIPClient: Sendable {
    public let configuration: KMIPClientConfiguration
    private let sslContext: NIOSSLContext
    private let eventLoopGroup: any EventLoopGroup

    public init(
        configuration: KMIPClientConfiguration, eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton
    ) throws {
        self.configuration = configuration
        self.sslContext = try configuration.makeSSLContext()
        self.eventLoopGroup = eventLoopGroup
    }

    /// A new connection, returned once the TLS handshake has finished.
    ///
    /// With TLS 1.3 the server judges the client certificate after the client considers the
    /// handshake done, so a refused certificate may surface on the first request instead, as
    /// ``KMIPClientError/Code/connectionClosed`` or ``KMIPClientError/Code/handshakeFailed``.
    public func connect() async throws -> KMIPClientConnection {
        let configuration = self.configuration
        let sslContext = self.sslContext
        let channel = try await ClientBootstrap(group: eventLoopGroup)
            .connectTimeout(configuration.connectTimeout)
            .channelOption(.socketOption(.tcp_nodelay), value: 1)
            .connect(host: configuration.host, port: configuration.port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    let handshake = channel.eventLoop.makePromise(of: Void.self)
                    // A connect that fails never activates the pipeline; completing on close keeps
                    // the promise from being dropped (later completions are ignored).
                    channel.closeFuture.whenComplete { _ in
                        handshake.fail(KMIPClientError(code: .connectionClosed, reason: "the connection closed before the TLS handshake"))
                    }
                    let tls = try NIOSSLClientHandler(context: sslContext, serverHostname: configuration.sniHostname)
                    try channel.pipeline.syncOperations.addHandlers(
                        tls,
                        ByteToMessageHandler(TTLVFrameDecoder(maximumMessageSize: configuration.maximumMessageSize)),
                        KMIPResponseHandler(handshake: handshake, requestTimeout: configuration.requestTimeout)
                    )
                    return ConnectedChannel(channel: channel, handshake: handshake.futureResult)
                }
            }
        let timeout = channel.channel.eventLoop.scheduleTask(in: configuration.connectTimeout) {
            channel.channel.pipeline.fireErrorCaught(
                KMIPClientError(code: .timeout, reason: "no TLS handshake within \(configuration.connectTimeout)")
            )
        }
        defer { timeout.cancel() }
        do {
            try await channel.handshake.get()
        } catch {
            try? await channel.channel.close()
            throw error
        }
        return KMIPClientConnection(channel: channel.channel, version: configuration.protocolVersion)
    }

    /// Runs `body` with a new connection and closes it afterwards.
    public func withConnection<Result>(
        _ body: (KMIPClientConnection) async throws -> Result
    ) async throws -> Result {
        let connection = try await connect()
        do {
            let result = try await body(connection)
            await connection.close()
            return result
        } catch {
            await connection.close()
            throw error
        }
    }

    private struct ConnectedChannel: Sendable {
        var channel: any Channel
        var handshake: EventLoopFuture<Void>
    }
}
