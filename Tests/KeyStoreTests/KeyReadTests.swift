import Foundation
import KMIP
import Testing
import TTLV
import TestSupport

@testable import KeyStore

/// `key(_:adapterID:)`, the read behind Get, which unseals the material and leaves the attribute
/// set sealed: it must answer exactly what the full read answers for the fields Get returns.
@Suite("Key read for Get")
struct KeyReadTests {
    @Test("the key read agrees with the full read: material, algorithm, length, state")
    func agreesWithFullRead() async throws {
        let fixture = try await StoreFixture.make()
        let material = (0..<32).map { UInt8($0) }
        let created = try await fixture.createKey(name: "k", material: material)
        let key = try fixture.store.key(created.uniqueIdentifier, adapterID: fixture.adapterID)
        let full = try fixture.store.object(created.uniqueIdentifier, adapterID: fixture.adapterID)
        #expect(key.uniqueIdentifier == created.uniqueIdentifier)
        #expect(key.material == material)
        #expect(key.objectType == .symmetricKey)
        #expect(key.cryptographicAlgorithm == .aes)
        #expect(key.cryptographicLength == 256)
        #expect(key.state == full.state)
        #expect(key.state == .preActive)
    }

    @Test("time-driven state: an Activation Date that has come reads as Active")
    func effectiveState() async throws {
        let fixture = try await StoreFixture.make()
        let soon = fixture.clock.now + 60
        let created = try await fixture.createKey(extra: [Attribute(name: .activationDate, value: .dateTime(soon))])
        #expect(try fixture.store.key(created.uniqueIdentifier, adapterID: fixture.adapterID).state == .preActive)
        fixture.clock.advance(61)
        #expect(try fixture.store.key(created.uniqueIdentifier, adapterID: fixture.adapterID).state == .active)
    }

    @Test("another adapter's key reads exactly like a missing one")
    func otherAdapter() async throws {
        let fixture = try await StoreFixture.make()
        let created = try await fixture.createKey(name: "mine")
        let code = await errorCode { _ = try fixture.store.key(created.uniqueIdentifier, adapterID: fixture.otherAdapterID) }
        #expect(code == .objectNotFound)
        let missing = await errorCode { _ = try fixture.store.key("no-such-key", adapterID: fixture.adapterID) }
        #expect(missing == .objectNotFound)
    }

    @Test("a destroyed key has no material")
    func destroyed() async throws {
        let fixture = try await StoreFixture.make()
        let created = try await fixture.createKey()
        try await fixture.store.destroy(created.uniqueIdentifier, adapterID: fixture.adapterID)
        let key = try fixture.store.key(created.uniqueIdentifier, adapterID: fixture.adapterID)
        #expect(key.material == nil)
        #expect(key.state == .destroyed)
    }
}
