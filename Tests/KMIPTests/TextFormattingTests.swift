import Foundation
import KMIP
import Testing

/// The hand-made JSON string literals and ISO 8601 dates (used by the text form and the audit log)
/// read back as what they say.
@Suite struct TextFormattingTests {
    @Test(arguments: [Int64(0), 951_782_400, 1_500_000_000, 1_764_431_999, 4_102_444_800, -86_401])
    func datesMatchFoundation(seconds: Int64) {
        let expected = Date(timeIntervalSince1970: TimeInterval(seconds))
            .formatted(.iso8601.year().month().day().time(includingFractionalSeconds: false).timeZone(separator: .omitted))
        #expect(ISO8601Seconds.format(seconds) == expected)
    }

    @Test(arguments: ["", "plain ascii 0123", "é and ✓", "\u{7F}", "end\\", "\"start", "a\u{0}b", "tab\there"])
    func everyStringIsAJSONStringThatDecodesBackToItself(text: String) throws {
        let line = TTLVText.jsonStringLiteral(text)
        #expect(try JSONDecoder().decode(String.self, from: Data(line.utf8)) == text)
        #expect(!line.dropFirst().dropLast().unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F })
    }

    @Test func stringsAreEscaped() throws {
        let line = TTLVText.jsonStringLiteral("quote \" backslash \\ newline \n tab \t bell \u{7} é")
        let decoded = try JSONDecoder().decode(String.self, from: Data(line.utf8))
        #expect(decoded == "quote \" backslash \\ newline \n tab \t bell \u{7} é")
    }
}
