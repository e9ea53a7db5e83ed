import KMIP
import NIOCore
import TTLV

/// One mutual-TLS connection to a KMIP server.
///
/// Requests may be sent concurrently: they are written in call order and answered in that
/// order (KMIP over one connection is strictly request/response), so they pipeline.
public final class KMIPClientConnection: Sendable {
    private let channel: any Channel
    /// The protocol version the convenience methods speak.
    public let version: ProtocolVersion

    init(channel: any Channel, version: ProtocolVersion) {
        self.channel = channel
        self.version = version
    }

    /// Whether the connection is still open.
    public var isActive: Bool { channel.isActive }

    /// The server's address.
    public var remoteAddress: SocketAddress? { channel.remoteAddress }

    /// Sends raw bytes (one whole TTLV message) and returns the raw response frame.
    public func sendRaw(_ bytes: ByteBuffer) async throws -> ByteBuffer {
        let promise = channel.eventLoop.makePromise(of: ByteBuffer.self)
        // A write to a closed channel never reaches the handler that owns `promise`: fail it here.
        channel.writeAndFlush(KMIPResponseHandler.Request(bytes: bytes, response: promise)).whenFailure { error in
            promise.fail(KMIPClientError(code: .connectionClosed, reason: "\(error)"))
        }
        return try await promise.futureResult.get()
    }

    /// Sends a request and decodes its response.
    public func send(_ request: RequestMessage) async throws -> ResponseMessage {
        let bytes = try await sendRaw(request.encoded())
        do {
            return try ResponseMessage(bytes: bytes)
        } catch {
            throw KMIPClientError(code: .invalidResponse, reason: "\(error)")
        }
    }

    /// Sends these payloads as one request of ``version``.
    public func send(_ payloads: [any KMIPRequestPayload]) async throws -> ResponseMessage {
        try await send(RequestMessage(version: version, payloads: payloads))
    }

    /// Closes the connection (TLS close_notify, then TCP).
    public func close() async {
        try? await channel.close()
    }
}
