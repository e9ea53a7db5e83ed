import Foundation
import KMIP
import Testing
import TestSupport

@testable import KeyStore

@Suite("Tamper detection")
struct TamperTests {
    /// Runs `sql` on a separate connection, as someone editing the file would.
    private func tamper(_ fixture: StoreFixture, _ body: (SQLiteDatabase) throws -> Void) throws {
        let database = try SQLiteDatabase(path: fixture.location.databaseFile, create: false)
        try body(database)
    }

    private func blob(_ database: SQLiteDatabase, _ column: String, uid: String) throws -> [UInt8] {
        let statement = try database.statement("SELECT \(column) FROM objects WHERE uid = ?")
        statement.bind(1, uid)
        _ = try statement.step()
        defer { statement.reset() }
        return statement.blob(0)
    }

    private func set(_ database: SQLiteDatabase, _ column: String, uid: String, _ value: [UInt8]) throws {
        let statement = try database.statement("UPDATE objects SET \(column) = ? WHERE uid = ?")
        statement.bind(1, value)
        statement.bind(2, uid)
        try statement.run()
    }

    /// Reads the column back the way the server does: material through Get's read, the
    /// attribute set through Get Attributes' read.
    private func readBack(_ fixture: StoreFixture, _ column: String, uid: String) async -> KeyStoreError.Code? {
        await errorCode {
            if column == "material" {
                _ = try fixture.store.key(uid, adapterID: fixture.adapterID)
            } else {
                _ = try fixture.store.object(uid, adapterID: fixture.adapterID)
            }
        }
    }

    @Test("a flipped byte in sealed material or attributes is detected, never served", arguments: ["material", "attributes"])
    func flippedByte(column: String) async throws {
        let fixture = try await StoreFixture.make()
        let key = try await fixture.createKey(name: "victim")
        try tamper(fixture) { database in
            var bytes = try blob(database, column, uid: key.uniqueIdentifier)
            bytes[bytes.count / 2] ^= 0x01
            try set(database, column, uid: key.uniqueIdentifier, bytes)
        }
        #expect(await readBack(fixture, column, uid: key.uniqueIdentifier) == .integrityFailure)
    }

    @Test("a truncated sealed column is detected")
    func truncated() async throws {
        let fixture = try await StoreFixture.make()
        let key = try await fixture.createKey(name: "victim")
        try tamper(fixture) { database in
            let bytes = try blob(database, "material", uid: key.uniqueIdentifier)
            try set(database, "material", uid: key.uniqueIdentifier, Array(bytes.prefix(20)))
        }
        #expect(await readBack(fixture, "material", uid: key.uniqueIdentifier) == .integrityFailure)
    }

    @Test("swapping two records' ciphertexts is detected for both", arguments: ["material", "attributes"])
    func swapped(column: String) async throws {
        let fixture = try await StoreFixture.make()
        let first = try await fixture.createKey(name: "one")
        let second = try await fixture.createKey(name: "two")
        try tamper(fixture) { database in
            let a = try blob(database, column, uid: first.uniqueIdentifier)
            let b = try blob(database, column, uid: second.uniqueIdentifier)
            try set(database, column, uid: first.uniqueIdentifier, b)
            try set(database, column, uid: second.uniqueIdentifier, a)
        }
        for key in [first, second] {
            #expect(await readBack(fixture, column, uid: key.uniqueIdentifier) == .integrityFailure)
        }
    }

    @Test("moving an object to another adapter is detected")
    func movedToAnotherAdapter() async throws {
        let fixture = try await StoreFixture.make()
        let key = try await fixture.createKey(name: "moved")
        try tamper(fixture) { database in
            let statement = try database.statement("UPDATE objects SET adapter_id = ? WHERE uid = ?")
            statement.bind(1, fixture.otherAdapterID)
            statement.bind(2, key.uniqueIdentifier)
            try statement.run()
        }
        let code = await errorCode {
            _ = try fixture.store.object(key.uniqueIdentifier, adapterID: fixture.otherAdapterID)
        }
        #expect(code == .integrityFailure)
        let get = await errorCode { _ = try fixture.store.key(key.uniqueIdentifier, adapterID: fixture.otherAdapterID) }
        #expect(get == .integrityFailure)
    }

    @Test("a tampered or swapped root key is detected when first used")
    func rootKey() async throws {
        let fixture = try await StoreFixture.make()
        let key = try await fixture.createKey(name: "k")
        fixture.store.close()
        try tamper(fixture) { database in
            try database.execute(
                """
                UPDATE root_keys SET sealed_key = (SELECT sealed_key FROM root_keys WHERE name = 'root2')
                WHERE name = 'root'
                """)
        }
        let reopened = try SQLiteStore.open(fixture.location, clock: fixture.clock.storeClock)
        let code = await errorCode { _ = try reopened.object(key.uniqueIdentifier, adapterID: fixture.adapterID) }
        #expect(code == .integrityFailure)
    }
}
