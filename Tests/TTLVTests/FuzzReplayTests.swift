import Foundation
import TTLV
import Testing

/// Inputs the fuzzer found interesting or crashing (FuzzTesting/, kept in FailCases) decode
/// without trapping, and whatever decodes re-encodes to the same bytes.
@Suite struct FuzzReplayTests {
    static let cases: [URL] = {
        guard let directory = Bundle.module.url(forResource: "FailCases", withExtension: nil) else { return [] }
        let files = (try? FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)) ?? []
        return files.filter { !$0.lastPathComponent.hasPrefix(".") }.sorted { $0.lastPathComponent < $1.lastPathComponent }
    }()

    @Test func theFailCasesArePresent() {
        #expect(!Self.cases.isEmpty)
    }

    @Test(arguments: cases)
    func replays(file: URL) throws {
        let bytes = try [UInt8](Data(contentsOf: file))
        if let item = try? TTLVDecoder().decode(bytes) {
            #expect(item.encodedBytes == bytes)
        }
    }
}
