import Foundation
import NIOCore
import TTLV
import Testing

/// Every strictness rule of the decoder, each with the error it must raise.
@Suite struct StrictnessTests {
    func expectError(_ hex: String, _ code: TTLVError.Code, decoder: TTLVDecoder = TTLVDecoder(), sourceLocation: SourceLocation = #_sourceLocation) {
        let bytes = hex.replacingOccurrences(of: " ", with: "").hexBytes!
        do {
            let item = try decoder.decode(bytes)
            Issue.record("decoded \(item) instead of failing with \(code)", sourceLocation: sourceLocation)
        } catch {
            #expect(error.code == code, "\(error)", sourceLocation: sourceLocation)
        }
    }

    @Test func fixedSizeTypesMustHaveTheirLength() {
        expectError("420020 02 00000008 0000000800000000", .invalidLength)  // Integer of 8
        expectError("420020 03 00000004 0000000800000000", .invalidLength)  // Long of 4
        expectError("420020 05 00000002 0000000800000000", .invalidLength)  // Enumeration of 2
        expectError("420020 06 00000004 0000000100000000", .invalidLength)  // Boolean of 4
        expectError("420020 09 00000010 00000000000000000000000000000000", .invalidLength)  // DateTime of 16
        expectError("420020 0A 00000008 0000000100000000", .invalidLength)  // Interval of 8
    }

    @Test func bigIntegersAndStructuresAreMultiplesOfEight() {
        expectError("420020 04 00000004 0000000100000000", .invalidLength)
        expectError("420020 04 00000000", .invalidLength)
        expectError("420020 01 00000004 0000000000000000", .invalidLength)
    }

    @Test func aLengthPastTheEndIsRefused() {
        expectError("420020 07 00000010 48656c6c6f000000", .lengthPastEnd)
        expectError("420020 08 7fffffff 0102030000000000", .lengthPastEnd)
    }

    @Test func paddingMustBeZero() {
        expectError("420020 02 00000004 00000008 00000001", .nonZeroPadding)
        expectError("420020 07 00000003 616263 0000000001", .nonZeroPadding)
        expectError("420020 08 00000001 01 00000000000001", .nonZeroPadding)
    }

    @Test func textMustBeUTF8() {
        expectError("420020 07 00000002 c328000000000000", .invalidUTF8)
        expectError("420020 07 00000001 ff00000000000000", .invalidUTF8)
    }

    @Test func booleansAreZeroOrOne() {
        expectError("420020 06 00000008 0000000000000002", .invalidBoolean)
        expectError("420020 06 00000008 0100000000000000", .invalidBoolean)
    }

    @Test func unknownItemTypesAreRefused() {
        expectError("420020 00 00000000", .unknownItemType)
        expectError("420020 0B 00000008 0000000000000000", .unknownItemType)
        expectError("420020 FF 00000000", .unknownItemType)
    }

    @Test func truncatedInputIsRefused() {
        expectError("4200", .truncated)
        expectError("420020 02 0000", .truncated)
    }

    @Test func childrenMustFitTheirStructure() {
        // The structure claims 16 bytes; its child needs 16 + 8.
        expectError("420020 01 00000010 420004 07 00000010 41414141414141414141414141414141", .lengthPastEnd)
    }

    @Test func trailingBytesAreRefused() {
        expectError("420020 02 00000004 0000000800000000 00", .trailingBytes)
    }

    @Test func nestingIsBounded() throws {
        var item = TTLVItem(Tag(0x420020), .integer(1))
        for _ in 0..<40 { item = .structure(Tag(0x420020), [item]) }
        let bytes = item.encodedBytes
        do {
            _ = try TTLVDecoder(maximumDepth: 32).decode(bytes)
            Issue.record("41 levels decoded with a bound of 32")
        } catch {
            #expect(error.code == .nestingTooDeep)
        }
        #expect(try TTLVDecoder(maximumDepth: 64).decode(bytes) == item)
    }

    @Test func messagesOverTheMaximumAreRefused() {
        let big = TTLVItem(Tag(0x420020), .byteString(Array(repeating: 7, count: 2048)))
        do {
            _ = try TTLVDecoder(maximumMessageSize: 1024).decode(big.encodedBytes)
            Issue.record("a 2 KiB message passed a 1 KiB limit")
        } catch {
            #expect(error.code == .messageTooLarge)
        }
    }

    @Test func aLengthOfTwoGibibytesAllocatesNothing() {
        // Only the header is present; the claim must be refused from the header alone.
        expectError("420078 01 80000000", .lengthPastEnd)
        expectError("420078 08 80000000 0000000000000000", .lengthPastEnd)
    }

    @Test func errorsNameTheOffsetAndTag() throws {
        let bytes = "42007801000000184200770200000004000000010000000042007707000000010000000000000001".hexBytes!
        do {
            _ = try TTLVDecoder().decode(bytes)
            Issue.record("decoded a message with a bad child")
        } catch {
            #expect(error.offset == 8 || error.offset == 24)
            #expect(error.tag != nil)
            #expect("\(error)".contains("TTLV"))
        }
    }
}
