import ArgumentParser
import Foundation
import Logging
import Testing

@testable import kmipgw

/// `kmipgw serve --log-format`: JSON lines as docs/server.md says, and text with nothing raw.
@Suite struct LogFormatTests {
    static let time = Date(timeIntervalSince1970: 1_800_000_000)

    @Test func jsonIsOneObjectPerLineWithTheMetadataAsKeys() throws {
        let line = LineLogHandler.line(
            format: .json, time: Self.time, level: .notice, label: "kmipgw", message: "handshake refused",
            metadata: ["event": "handshake_refused", "peer": "10.0.0.1:5000", "reason": "bad\n\"cert\""])
        #expect(line.hasSuffix("}\n"))
        #expect(line.dropLast().contains("\n") == false)
        let object = try #require(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: String])
        #expect(object["event"] == "handshake_refused")
        #expect(object["level"] == "notice")
        #expect(object["message"] == "handshake refused")
        #expect(object["reason"] == "bad\n\"cert\"")
        #expect(object["time"]?.hasPrefix("2027-01-15T08:00:00") == true)
    }

    @Test func textEscapesControlCharacters() {
        let line = LineLogHandler.line(
            format: .text, time: Self.time, level: .info, label: "kmipgw", message: "connected",
            metadata: ["adapter": "vc\n::error::x\u{1b}[2J"])
        #expect(line.hasSuffix("adapter=vc\\u{a}::error::x\\u{1b}[2J\n"))
        #expect(line.filter { $0 == "\n" }.count == 1)
    }

    @Test func serveTakesTextOrJSON() throws {
        #expect(try ServeCommand.parse([]).logFormat == .text)
        #expect(try ServeCommand.parse(["--log-format", "json"]).logFormat == .json)
        #expect(throws: (any Error).self) { try ServeCommand.parse(["--log-format", "xml"]) }
    }
}
