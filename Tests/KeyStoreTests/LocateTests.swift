import Crypto
import Foundation
import KMIP
import TTLV
import Testing
import TestSupport

@testable import KeyStore

@Suite("Locate and the blind index")
struct LocateTests {
    @Test("Locate by Name finds exactly the objects with that name, in this adapter only")
    func byName() async throws {
        let fixture = try await StoreFixture.make()
        let a = try await fixture.createKey(name: "alpha")
        let b = try await fixture.createKey(name: "alpha")
        _ = try await fixture.createKey(name: "beta")
        _ = try await fixture.createKey(name: "alpha", adapterID: fixture.otherAdapterID)
        let query = try LocateQuery(matching: [Attribute(.name, Name("alpha"))])
        #expect(try fixture.store.locate(query, adapterID: fixture.adapterID) == [a.uniqueIdentifier, b.uniqueIdentifier])
        let none = try LocateQuery(matching: [Attribute(.name, Name("ALPHA"))])
        #expect(try fixture.store.locate(none, adapterID: fixture.adapterID).isEmpty)
    }

    @Test("custom attributes, object groups and clear fields combine; offset and maximum apply")
    func combined() async throws {
        let fixture = try await StoreFixture.make()
        var ids: [String] = []
        for index in 0..<5 {
            let key = try await fixture.createKey(
                name: "k\(index)",
                extra: [
                    Attribute(name: "x-tenant", value: .textString(index % 2 == 0 ? "even" : "odd")),
                    Attribute(name: .objectGroup, value: .textString("group")),
                ])
            ids.append(key.uniqueIdentifier)
        }
        let even = try LocateQuery(matching: [
            Attribute(name: "x-tenant", value: .textString("even")),
            Attribute(name: .objectGroup, value: .textString("group")),
            Attribute(name: .objectType, value: .enumeration(ObjectType.symmetricKey.rawValue)),
            Attribute(name: .cryptographicAlgorithm, value: .enumeration(CryptographicAlgorithm.aes.rawValue)),
            Attribute(.cryptographicLength, 256 as Int32),
        ])
        #expect(try fixture.store.locate(even, adapterID: fixture.adapterID) == [ids[0], ids[2], ids[4]])
        var page = even
        page.offset = 1
        page.maximumItems = 1
        #expect(try fixture.store.locate(page, adapterID: fixture.adapterID) == [ids[2]])
        let wrongLength = try LocateQuery(matching: [Attribute(.cryptographicLength, 128 as Int32)])
        #expect(try fixture.store.locate(wrongLength, adapterID: fixture.adapterID).isEmpty)
        let mask = LocateQuery(usageMaskContains: .encrypt)
        #expect(try fixture.store.locate(mask, adapterID: fixture.adapterID).count == 5)
        #expect(try fixture.store.locate(LocateQuery(usageMaskContains: .sign), adapterID: fixture.adapterID).isEmpty)
    }

    @Test("date ranges: two instances of a date attribute bound it")
    func dateRange() async throws {
        let fixture = try await StoreFixture.make()
        let first = try await fixture.createKey()
        fixture.clock.advance(100)
        let second = try await fixture.createKey()
        let start = fixture.clock.now - 10
        let query = try LocateQuery(matching: [
            Attribute(name: .initialDate, value: .dateTime(start)),
            Attribute(name: .initialDate, value: .dateTime(start + 20)),
        ])
        #expect(try fixture.store.locate(query, adapterID: fixture.adapterID) == [second.uniqueIdentifier])
        let all = LocateQuery(dateRanges: [(.initial, 0...Int64.max)])
        #expect(try fixture.store.locate(all, adapterID: fixture.adapterID) == [first.uniqueIdentifier, second.uniqueIdentifier])
    }

    @Test("renaming updates the index: the old name no longer matches, the new one does")
    func rename() async throws {
        let fixture = try await StoreFixture.make()
        let key = try await fixture.createKey(name: "old")
        _ = try await fixture.store.updateAttributes(key.uniqueIdentifier, adapterID: fixture.adapterID) { attributes in
            attributes.removeAll { $0.name == "Name" }
            attributes.append(Attribute(.name, Name("new")))
        }
        let old = try LocateQuery(matching: [Attribute(.name, Name("old"))])
        let new = try LocateQuery(matching: [Attribute(.name, Name("new"))])
        #expect(try fixture.store.locate(old, adapterID: fixture.adapterID).isEmpty)
        #expect(try fixture.store.locate(new, adapterID: fixture.adapterID) == [key.uniqueIdentifier])
    }

    @Test("the index stores keyed tags, not values, and tags differ between adapters")
    func tagsAreKeyed() {
        let index = BlindIndex(key: .init(data: [UInt8](repeating: 7, count: 32)))
        let name = Attribute(.name, Name("secret-name"))
        let one = index.tag(adapterID: 1, attribute: name)
        let two = index.tag(adapterID: 2, attribute: name)
        #expect(one?.count == 16)
        #expect(one != two)
        #expect(index.tag(adapterID: 1, attribute: Attribute(.name, Name("secret-name", type: .uri))) == one)
    }
}
