import Foundation
import KMIP
import TTLV
import Testing
import TestSupport

@testable import KeyStore

@Suite("No plaintext on disk")
struct PlaintextLeakTests {
    private func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard needle.count <= haystack.count, let first = needle.first else { return false }
        var index = 0
        while index <= haystack.count - needle.count {
            if haystack[index] == first, Array(haystack[index..<(index + needle.count)]) == needle { return true }
            index += 1
        }
        return false
    }

    @Test("neither a key's Name, a custom value nor its material appears in any file of the state directory")
    func noLeak() async throws {
        let fixture = try await StoreFixture.make()
        let name = "leak-canary-name-7f3a9c"
        let custom = "leak-canary-contact-51e2"
        let material: [UInt8] = Array("MATERIAL-CANARY-0123456789abcdef".utf8)
        let key = try await fixture.createKey(
            name: name, material: material, extra: [Attribute(name: .contactInformation, value: .textString(custom))])
        _ = try await fixture.store.updateAttributes(key.uniqueIdentifier, adapterID: fixture.adapterID) {
            $0.append(Attribute(name: "x-canary", value: .textString(custom)))
        }
        #expect(try fixture.store.key(key.uniqueIdentifier, adapterID: fixture.adapterID).material == material)
        // Scan while the WAL still holds the pages, then again after the checkpoint.
        for phase in 0..<2 {
            if phase == 1 { fixture.store.close() }
            let files = try FileManager.default.contentsOfDirectory(atPath: fixture.location.directory)
            #expect(files.contains("store.sqlite"))
            if phase == 0 { #expect(files.contains("store.sqlite-wal")) }
            for file in files {
                let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: fixture.location.directory + "/" + file)))
                #expect(!contains(bytes, Array(name.utf8)), "Name found in \(file)")
                #expect(!contains(bytes, Array(custom.utf8)), "attribute value found in \(file)")
                #expect(!contains(bytes, material), "material found in \(file)")
            }
        }
    }
}
