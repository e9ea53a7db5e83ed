import NIOCore
import TTLV
import Testing

/// The encoding examples of the KMIP 1.4 specification (§9.1.2), one per item type, byte for byte.
@Suite struct SpecificationExampleTests {
    static let tag = Tag(0x420020)

    static let examples: [(String, TTLVItem, String)] = [
        ("Integer 8", TTLVItem(tag, .integer(8)), "42002002000000040000000800000000"),
        (
            "Long Integer 123456789000000000", TTLVItem(tag, .longInteger(123_456_789_000_000_000)),
            "420020030000000801b69b4ba5749200"
        ),
        (
            "Big Integer 1234567890000000000000000000",
            TTLVItem(tag, .bigInteger([0, 0, 0, 0, 0x03, 0xFD, 0x35, 0xEB, 0x6B, 0xC2, 0xDF, 0x46, 0x18, 0x08, 0, 0])),
            "42002004000000100000000003fd35eb6bc2df4618080000"
        ),
        ("Enumeration 255", TTLVItem(tag, .enumeration(255)), "42002005000000040000" + "00ff00000000"),
        ("Boolean true", TTLVItem(tag, .boolean(true)), "42002006000000080000000000000001"),
        (
            "Text String Hello World", TTLVItem(tag, .textString("Hello World")),
            "420020070000000b48656c6c6f20576f726c640000000000"
        ),
        ("Byte String 01 02 03", TTLVItem(tag, .byteString([1, 2, 3])), "42002008000000030102030000000000"),
        (
            "Date-Time 2008-03-14 11:56:40 UTC", TTLVItem(tag, .dateTime(0x47DA_67F8)),
            "42002009000000080000000047da67f8"
        ),
        ("Interval 10 days", TTLVItem(tag, .interval(864_000)), "4200200a00000004000d2f0000000000"),
        (
            "Structure of Enumeration 254 and Integer 255",
            .structure(tag, [TTLVItem(Tag(0x420004), .enumeration(254)), TTLVItem(Tag(0x420005), .integer(255))]),
            "42002001000000204200040500000004000000fe000000004200050200000004000000ff00000000"
        ),
    ]

    @Test(arguments: 0..<examples.count)
    func encodesAsTheSpecificationShows(index: Int) throws {
        let (name, item, hex) = Self.examples[index]
        #expect(item.encodedBytes.hex == hex, "\(name)")
        #expect(item.encodedLength == hex.count / 2, "\(name)")
    }

    @Test(arguments: 0..<examples.count)
    func decodesWhatTheSpecificationShows(index: Int) throws {
        let (name, item, hex) = Self.examples[index]
        let decoded = try TTLVDecoder().decode(try #require(hex.hexBytes))
        #expect(decoded == item, "\(name)")
    }

    @Test func negativeNumbersKeepTheirSign() throws {
        for item in [
            TTLVItem(Self.tag, .integer(-1)), TTLVItem(Self.tag, .integer(.min)),
            TTLVItem(Self.tag, .longInteger(-5)), TTLVItem(Self.tag, .dateTime(-86_400)),
        ] {
            #expect(try TTLVDecoder().decode(item.encodedBytes) == item)
        }
    }

    @Test func emptyStringsAndStructuresHaveZeroLength() throws {
        for item in [
            TTLVItem(Self.tag, .textString("")), TTLVItem(Self.tag, .byteString([])), TTLVItem.structure(Self.tag, []),
        ] {
            #expect(item.encodedBytes.count == 8)
            #expect(try TTLVDecoder().decode(item.encodedBytes) == item)
        }
    }

    @Test func textIsUTF8AndPaddedByBytesNotCharacters() throws {
        let item = TTLVItem(Self.tag, .textString("clé 🔑"))
        let bytes = item.encodedBytes
        #expect(bytes[4..<8] == [0, 0, 0, 9])
        #expect(bytes.count == 8 + 16)
        #expect(try TTLVDecoder().decode(bytes) == item)
    }
}

extension Array where Element == UInt8 {
    var hex: String { map { String($0, radix: 16).count == 1 ? "0" + String($0, radix: 16) : String($0, radix: 16) }.joined() }
}

extension String {
    var hexBytes: [UInt8]? {
        let digits = Array(utf8)
        guard digits.count % 2 == 0 else { return nil }
        return stride(from: 0, to: digits.count, by: 2).compactMap {
            UInt8(String(decoding: digits[$0..<($0 + 2)], as: UTF8.self), radix: 16)
        }
    }
}
