import NIOCore

/// Cuts a byte stream into whole TTLV messages: an 8-byte header, then the length it announces.
///
/// A pure, single-step decoder: it never sees a channel, so it is tested and fuzzed on bytes
/// alone, and a server wraps it in `ByteToMessageHandler`. The announced length is checked
/// against ``maximumMessageSize`` as soon as the header arrives, before any body is buffered.
public struct TTLVFrameDecoder: NIOSingleStepByteToMessageDecoder {
    public typealias InboundOut = ByteBuffer

    enum State: Hashable, Sendable {
        case waitingForHeader
        case waitingForFrame(length: Int)
    }

    private(set) var state: State = .waitingForHeader
    public let maximumMessageSize: Int

    public init(maximumMessageSize: Int = TTLVDecoder.defaultMaximumMessageSize) {
        self.maximumMessageSize = maximumMessageSize
    }

    public mutating func decode(buffer: inout ByteBuffer) throws -> ByteBuffer? {
        if case .waitingForHeader = state {
            guard let header = TTLVHeader(peekingAt: buffer) else { return nil }
            let length = header.paddedItemLength
            guard length <= maximumMessageSize else {
                throw TTLVError(
                    code: .messageTooLarge, offset: 0, tag: header.tag,
                    reason: "message announces \(length) bytes, more than the maximum of \(maximumMessageSize)"
                )
            }
            state = .waitingForFrame(length: length)
        }
        guard case .waitingForFrame(let length) = state, let frame = buffer.readSlice(length: length) else {
            return nil
        }
        state = .waitingForHeader
        return frame
    }

    public mutating func decodeLast(buffer: inout ByteBuffer, seenEOF: Bool) throws -> ByteBuffer? {
        try decode(buffer: &buffer)
    }
}
