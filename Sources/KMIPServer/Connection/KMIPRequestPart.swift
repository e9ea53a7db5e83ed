import KMIP
import NIOCore
import TTLV

/// What ``KMIPRequestDecoder`` makes of a connection's bytes, in wire order: the input of
/// ``KMIPConnectionHandler``.
enum KMIPRequestPart: Sendable, Hashable {
    /// The first bytes of a message that is not whole yet; yielded once per message, so the read
    /// timer can count from the message's first byte. Never yielded for a message that arrives
    /// whole in one read.
    case messageBegun
    /// One whole TTLV message whose header names a Request Message structure.
    case request(ByteBuffer)
    /// A Request Message announcing more than the maximum size; its body is never buffered.
    case oversized(version: ProtocolVersion, announcedLength: Int)
    /// A message header that is not a Request Message structure: the stream is not KMIP.
    case notKMIP(tag: Tag, typeByte: UInt8)
}
