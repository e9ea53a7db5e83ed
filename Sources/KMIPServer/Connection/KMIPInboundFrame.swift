import KMIP
import NIOCore

/// What a connection's pipeline hands the request loop, in wire order.
enum KMIPInboundFrame: Sendable, Hashable {
    /// The TLS handshake finished and the client certificate was accepted.
    case established
    /// One whole TTLV message whose header names a Request Message.
    case request(ByteBuffer)
    /// A Request Message announcing more than the maximum size; its body was never buffered.
    /// The loop answers Invalid Message and the pipeline closes after that answer.
    case oversized(version: ProtocolVersion, announcedLength: Int)
}
