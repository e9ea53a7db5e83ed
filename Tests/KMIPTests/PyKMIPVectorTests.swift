import Foundation
import KMIP
import NIOCore
import TTLV
import Testing

/// Messages encoded by the real PyKMIP library (scripts/pykmip-vectors.py): we decode each one
/// into the model, decode its payloads, and encode exactly the same bytes again.
@Suite struct PyKMIPVectorTests {
    struct Entry: Decodable, Sendable, CustomTestStringConvertible {
        let file: String?
        let kind: String
        let protocol_version: String
        let skipped: String?
        var testDescription: String { file ?? "skipped" }
    }

    struct Manifest: Decodable {
        let vectors: [Entry]
    }

    static let entries: [Entry] = {
        guard let url = try? Vectors.directory("pykmip").appendingPathComponent("manifest.json"),
            let data = try? Data(contentsOf: url),
            let manifest = try? JSONDecoder().decode(Manifest.self, from: data)
        else { return [] }
        return manifest.vectors.filter { $0.skipped == nil && $0.file != nil }
    }()

    @Test func theManifestListsTheVectors() {
        #expect(Self.entries.count >= 40)
    }

    @Test(arguments: entries)
    func vectorRoundTrips(entry: Entry) throws {
        let file = try #require(entry.file)
        let url = try Vectors.directory("pykmip").appendingPathComponent(file)
        let text = try String(contentsOf: url, encoding: .utf8)
        let bytes = try #require(TTLVText.bytes(fromHex: text))
        let item = try TTLVDecoder().decode(bytes)
        #expect(item.encodedBytes == bytes)
        let version = try #require(ProtocolVersion(entry.protocol_version))
        let reencoded: [UInt8]
        if entry.kind == "request" {
            let message = try RequestMessage(ttlv: item)
            #expect(message.header.protocolVersion == version)
            var rebuilt = message
            rebuilt.batchItems = try message.batchItems.map { batchItem in
                var copy = batchItem
                copy.payloadItem = try #require(
                    try PayloadTypes.reencoded(batchItem, version: version), "\(file): the \(batchItem.operation) payload was not modelled")
                return copy
            }
            reencoded = rebuilt.ttlv(version: version).encodedBytes
        } else {
            let message = try ResponseMessage(ttlv: item)
            #expect(message.header.protocolVersion == version)
            var rebuilt = message
            rebuilt.batchItems = try message.batchItems.map { batchItem in
                var copy = batchItem
                if let payload = try PayloadTypes.reencoded(batchItem, version: version) {
                    copy.payloadItem = payload
                } else if batchItem.resultStatus == .success {
                    Issue.record("\(file): the \(batchItem.operation.map { "\($0)" } ?? "?") payload was not modelled")
                }
                return copy
            }
            reencoded = rebuilt.ttlv(version: version).encodedBytes
        }
        #expect(reencoded == bytes, "\(file) re-encodes differently")
        // The readable text form carries every byte too.
        #expect(try TTLVText.parse(TTLVText.format(item)) == item)
    }
}
