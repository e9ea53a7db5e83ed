import TTLV
import Testing

/// Tags this build does not name — vendor extensions included — pass through unchanged.
@Suite struct UnknownTagTests {
    @Test func vendorExtensionsRoundTripByteForByte() throws {
        let hex = "540001" + "01" + "00000030"
            + "540002" + "07" + "00000006" + "76656e646f720000"
            + "540003" + "08" + "00000002" + "abcd000000000000"
            + "42ffff" + "05" + "00000004" + "0000002a00000000"
        let bytes = try #require(hex.hexBytes)
        let item = try TTLVDecoder().decode(bytes)
        #expect(item.tag.isExtension)
        #expect(item.children.count == 3)
        #expect(item.children[0].value == .textString("vendor"))
        #expect(item.encodedBytes == bytes)
    }

    @Test func tagsKeepOnlyThreeBytes() {
        #expect(Tag(0xFF42_0001).rawValue == 0x42_0001)
        #expect(Tag(0x54_0001).description == "0x540001")
        #expect(!Tag(0x42_0001).isExtension)
    }
}
