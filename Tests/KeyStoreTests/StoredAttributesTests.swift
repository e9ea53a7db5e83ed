import Foundation
import KMIP
import TTLV
import Testing

@testable import KeyStore

/// The sealed attribute list: a large one is not a tamper alarm (issue 11, finding 9).
@Suite struct StoredAttributesTests {
    /// The review's flood: 281 custom attributes of 60 KB, about 16.9 MB, just over what the
    /// list's decoder used to accept.
    static let flood = (0..<281).map { Attribute(name: "x-flood", index: Int32($0), value: .byteString([UInt8](repeating: 0x5A, count: 60 << 10))) }

    @Test func aSealedListLargerThanSixteenMebibytesDecodes() throws {
        let bytes = StoredAttributes.encode(Self.flood)
        #expect(bytes.count > 16 << 20)
        #expect(try StoredAttributes.decode(bytes) == Self.flood)
    }

    @Test func bytesThatAuthenticateButDoNotDecodeAreNotTampering() async {
        #expect(await errorCode { _ = try StoredAttributes.decode([0x42, 0x00, 0x01]) } == .unreadableRecord)
        let notATemplate = TTLVItem.structure(.attribute, []).encodedBytes
        #expect(await errorCode { _ = try StoredAttributes.decode(notATemplate) } == .unreadableRecord)
    }

    @Test func aKeyWithAFloodOfAttributesStaysReadableRevocableAndDestroyable() async throws {
        let fixture = try await StoreFixture.make()
        let key = try await fixture.createKey(name: "flooded")
        _ = try await fixture.store.updateAttributes(key.uniqueIdentifier, adapterID: fixture.adapterID) { $0 += Self.flood }
        let object = try fixture.store.object(key.uniqueIdentifier, adapterID: fixture.adapterID)
        #expect(object.allAttributes.filter { $0.name == "x-flood" }.count == 281)
        try await fixture.store.activate(key.uniqueIdentifier, adapterID: fixture.adapterID)
        try await fixture.store.revoke(
            key.uniqueIdentifier, adapterID: fixture.adapterID, reason: RevocationReason(code: .cessationOfOperation),
            compromiseOccurrenceDate: nil)
        try await fixture.store.destroy(key.uniqueIdentifier, adapterID: fixture.adapterID)
    }
}
