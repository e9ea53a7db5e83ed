import NIOCore
import NIOTestUtils
import TTLV
import Testing

/// Framing: whole messages out of a byte stream, however it is split.
@Suite struct FrameDecoderTests {
    static func message(_ text: String) -> ByteBuffer {
        TTLVItem.structure(Tag(0x420078), [TTLVItem(Tag(0x420094), .textString(text))]).encoded()
    }

    @Test func everySplitOfTheStreamGivesTheSameFrames() throws {
        let first = Self.message("a")
        let second = Self.message("a longer identifier that spans padding")
        var stream = first
        var copy = second
        stream.writeBuffer(&copy)
        try ByteToMessageDecoderVerifier.verifyDecoder(
            inputOutputPairs: [(stream, [first, second])],
            decoderFactory: { TTLVFrameDecoder() }
        )
    }

    @Test func anOversizedHeaderFailsBeforeTheBodyArrives() throws {
        var decoder = TTLVFrameDecoder(maximumMessageSize: 1024)
        var buffer = ByteBuffer(bytes: "4200780180000000".hexBytes!)
        #expect(throws: TTLVError.self) { try decoder.decode(buffer: &buffer) }
    }

    @Test func aPartialHeaderWaits() throws {
        var decoder = TTLVFrameDecoder()
        var buffer = ByteBuffer(bytes: [0x42, 0x00, 0x78, 0x01])
        #expect(try decoder.decode(buffer: &buffer) == nil)
        buffer.writeBytes([0, 0, 0, 0])
        let frame = try decoder.decode(buffer: &buffer)
        #expect(frame?.readableBytes == 8)
    }

    @Test func theHeaderCanBeReadAlone() throws {
        let header = try #require(TTLVHeader(peekingAt: Self.message("x")))
        #expect(header.tag == Tag(0x420078))
        #expect(header.itemType == .structure)
        #expect(header.length == 16)
    }
}
