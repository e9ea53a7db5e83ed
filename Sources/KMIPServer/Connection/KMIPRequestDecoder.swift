import KMIP
import NIOCore
import TTLV

/// Cuts a connection's decrypted bytes into KMIP requests: ``TTLVFrameDecoder`` frames them, and
/// this decides what each frame is to the server (a request, one too large, or not KMIP at all).
///
/// Pure, like the frame decoder it wraps: it never sees a channel, so it is tested on bytes alone.
/// The server runs it in a `ByteToMessageHandler` in front of ``KMIPConnectionHandler``, as
/// swift-nio runs `HTTPDecoder` in front of `HTTPServerPipelineHandler`.
///
/// An oversized message or bytes that are not KMIP end the stream: the decoder yields nothing
/// after them and discards whatever follows, so an oversized body is never buffered while the
/// connection answers and closes.
struct KMIPRequestDecoder: NIOSingleStepByteToMessageDecoder {
    typealias InboundOut = KMIPRequestPart

    enum State: Hashable {
        /// The next bytes start a message; its header has not been read yet.
        case awaitingHeader
        /// A Request Message header was accepted; its body is awaited.
        case awaitingBody
        /// The stream was refused (oversized or not KMIP); everything is discarded.
        case refused
    }

    private(set) var state = State.awaitingHeader
    /// Whether ``KMIPRequestPart/messageBegun`` was yielded for the message now buffered.
    private var reportedBegun = false
    private var frames: TTLVFrameDecoder

    init(maximumMessageSize: Int) {
        self.frames = TTLVFrameDecoder(maximumMessageSize: maximumMessageSize)
    }

    mutating func decode(buffer: inout ByteBuffer) throws -> KMIPRequestPart? {
        if state == .refused {
            buffer.moveReaderIndex(forwardBy: buffer.readableBytes)
            return nil
        }
        if state == .awaitingHeader, let header = TTLVHeader(peekingAt: buffer) {
            // Only a Request Message structure may start a frame; anything else is not KMIP.
            guard header.tag == .requestMessage, header.typeByte == ItemType.structure.rawValue else {
                refuse(&buffer)
                return .notKMIP(tag: header.tag, typeByte: header.typeByte)
            }
            state = .awaitingBody
        }
        let frame: ByteBuffer?
        do {
            frame = try frames.decode(buffer: &buffer)
        } catch let error as TTLVError where error.code == .messageTooLarge {
            // Answered from the header alone, in the client's version when its start shows it.
            let announced = TTLVHeader(peekingAt: buffer)?.paddedItemLength ?? 0
            let version = InvalidMessageResponse.peekVersion(in: buffer) ?? .v1_0
            refuse(&buffer)
            return .oversized(version: version, announcedLength: announced)
        } catch {
            refuse(&buffer)
            throw error
        }
        if let frame {
            state = .awaitingHeader
            reportedBegun = false
            return .request(frame)
        }
        guard buffer.readableBytes > 0, !reportedBegun else { return nil }
        reportedBegun = true
        return .messageBegun
    }

    /// At the end of the stream a message still incomplete will never be whole: it is dropped,
    /// not announced.
    mutating func decodeLast(buffer: inout ByteBuffer, seenEOF: Bool) throws -> KMIPRequestPart? {
        let part = try decode(buffer: &buffer)
        return part == .messageBegun ? nil : part
    }

    private mutating func refuse(_ buffer: inout ByteBuffer) {
        state = .refused
        buffer.moveReaderIndex(forwardBy: buffer.readableBytes)
    }
}
