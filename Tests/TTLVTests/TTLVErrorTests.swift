import NIOCore
import TTLV
import Testing

/// The error's shape, as swift-certificates' `CertificateError` has it: a code to compare, a
/// reason to read, and where it was raised.
@Suite struct TTLVErrorTests {
    @Test func errorsAreEqualWhenTheirCodesAre() {
        let here = TTLVError(code: .truncated, offset: 3, tag: Tag(0x420001), reason: "one")
        let there = TTLVError(code: .truncated, offset: 80, reason: "another")
        #expect(here == there)
        #expect(here.hashValue == there.hashValue)
        #expect(here != TTLVError(code: .lengthPastEnd, offset: 3, reason: "one"))
    }

    @Test func anErrorRecordsWhereItWasRaised() throws {
        let line = #line + 1
        let made = TTLVError(code: .invalidText, offset: 1, reason: "made here")
        #expect(made.location == "\(#fileID):\(line)")
        #expect(String(reflecting: made).hasSuffix("(\(#fileID):\(line))"))
        // The description stays the operator's text, without the source location.
        #expect(!made.description.contains(#fileID))
    }

    @Test func theDecoderNamesItsOwnSourceLine() {
        let threeBytes: [UInt8] = [0x42, 0x00, 0x20]
        do {
            _ = try TTLVDecoder().decode(threeBytes)
            Issue.record("three bytes decoded")
        } catch {
            #expect(error == TTLVError(code: .truncated, offset: 0, reason: ""))
            #expect(error.location.hasPrefix("TTLV/TTLVDecoder.swift:"))
        }
        var frames = TTLVFrameDecoder(maximumMessageSize: 64)
        var header = ByteBuffer(bytes: [0x42, 0x00, 0x78, 0x01, 0x00, 0x00, 0x01, 0x00])
        #expect(throws: TTLVError(code: .messageTooLarge, offset: 0, reason: "")) { try frames.decode(buffer: &header) }
    }
}
