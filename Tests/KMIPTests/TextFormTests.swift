import Foundation
import KMIP
import TTLV
import Testing

/// The readable text form of `kmipgw ttlv decode` / `encode`.
@Suite struct TextFormTests {
    @Test func aRequestReadsLikeTheSpecification() throws {
        let message = RequestMessage(version: .v1_4, payloads: [
            CreateRequest(objectType: .symmetricKey, templateAttribute: TemplateAttribute(attributes: [
                Attribute(.cryptographicAlgorithm, CryptographicAlgorithm.aes),
                Attribute(.cryptographicUsageMask, CryptographicUsageMask([.encrypt, .decrypt])),
                Attribute(.state, State.preActive),
            ])),
        ])
        let text = TTLVText.format(message.ttlv(version: .v1_4))
        #expect(text.contains("Operation Enumeration Create"))
        #expect(text.contains("ObjectType Enumeration SymmetricKey"))
        #expect(text.contains("AttributeValue Enumeration AES"))
        #expect(text.contains("AttributeValue Integer 12  # Encrypt|Decrypt"))
        #expect(text.contains("AttributeValue Enumeration PreActive"))
        #expect(try TTLVText.parse(text) == message.ttlv(version: .v1_4))
    }

    @Test func everyItemTypeRoundTrips() throws {
        let item = TTLVItem.structure(Tag(0x540000), [
            TTLVItem(.batchCount, .integer(-3)), TTLVItem(Tag(0x540001), .longInteger(.min)),
            TTLVItem(Tag(0x540002), .bigInteger([0xFF, 0, 0, 0, 0, 0, 0, 1])), TTLVItem(.state, .enumeration(0xDEAD)),
            TTLVItem(Tag(0x540003), .boolean(false)), TTLVItem(.nameValue, .textString("quote \" backslash \\ tab \t nl \n é 🔑 \u{1}")),
            TTLVItem(.key, .byteString([])), TTLVItem(.key, .byteString([0, 0xAB])), TTLVItem(.timeStamp, .dateTime(1_500_000_000)),
            TTLVItem(.timeStamp, .dateTime(-1)), TTLVItem(.leaseTime, .interval(.max)), TTLVItem.structure(.serverInformation, []),
        ])
        #expect(try TTLVText.parse(TTLVText.format(item)) == item)
    }

    @Test func writtenByHandWithNamesAndComments() throws {
        let text = """
            # a Get request, as an operator would type it
            RequestMessage Structure
              RequestHeader Structure
                ProtocolVersion Structure
                  ProtocolVersionMajor Integer 1
                  ProtocolVersionMinor Integer 2
                BatchCount Integer 1
              BatchItem Structure
                Operation Enumeration get   # names ignore case
                RequestPayload Structure
                  UniqueIdentifier TextString "49a1ca88 # not a comment"
                  KeyFormatType Enumeration 0x00000001
            """
        let item = try TTLVText.parse(text)
        let message = try RequestMessage(ttlv: item)
        let get = try message.batchItems[0].payload(as: GetRequest.self)
        #expect(get.uniqueIdentifier == "49a1ca88 # not a comment")
        #expect(get.keyFormatType == .raw)
        #expect(message.header.protocolVersion == .v1_2)
    }

    @Test func masksCanBeWrittenByName() throws {
        let item = try TTLVText.parse("CryptographicUsageMask Integer Encrypt|Decrypt|MACGenerate")
        #expect(item.value == .integer(0x4 | 0x8 | 0x80))
    }

    @Test(arguments: [
        ("RequestMessage Banana", "unknown item type"),
        ("NotATag Integer 1", "unknown tag name"),
        ("BatchCount Integer one", "is not a number"),
        ("Operation Enumeration Frobnicate", "is not a known value"),
        ("UniqueIdentifier TextString unquoted", "double quotes"),
        ("Key ByteString 0g", "hexadecimal"),
        ("TimeStamp DateTime yesterday", "ISO 8601"),
        ("RequestMessage Structure\n   BatchCount Integer 1", "multiple of two"),
        ("RequestMessage Structure\n    BatchCount Integer 1", "more than one level"),
        ("BatchCount Integer 1\nBatchCount Integer 2", "one top-level item"),
    ])
    func mistakesAreReportedWithTheirLine(text: String, expected: String) {
        do {
            _ = try TTLVText.parse(text)
            Issue.record("parsed \(text)")
        } catch let error as TTLVError {
            #expect(error.code == .invalidText)
            #expect(error.reason.contains(expected), "\(error.reason)")
            #expect(error.reason.hasPrefix("line "))
        } catch {
            Issue.record("unexpected \(error)")
        }
    }
}
