import Foundation
import KMIP
import Testing
import TestSupport

@testable import KeyStore

/// Someone who can write the database but has no master key can destroy, never grant or
/// revive: every row that grants access or carries state is authenticated, and a row changed,
/// added or restored outside kmipgw is refused as tampering.
@Suite("Row authentication")
struct RowAuthenticationTests {
    /// Runs `sql` on a separate connection, as someone editing the file would.
    private func edit(_ fixture: StoreFixture, _ sql: String) throws {
        let database = try SQLiteDatabase(path: fixture.location.databaseFile, create: false)
        try database.execute(sql)
    }

    private func registerCertificate(_ fixture: StoreFixture, name: String) async throws -> TestCertificates.Issued {
        let client = try TestCertificates.selfSigned(commonName: name)
        _ = try await fixture.store.apply([
            .addCertificate(
                instance: "prod", adapter: "vc", name: name, certificate: ParsedCertificate(derEncoded: client.der))
        ])
        return client
    }

    /// The review's finding: one inserted `certificates` row and a raised generation gave an
    /// outsider's certificate the adapter's keys after the next reload.
    @Test func anInsertedCertificateRowGrantsNothing() async throws {
        let fixture = try await StoreFixture.make()
        _ = try await registerCertificate(fixture, name: "vcenter")
        let outsider = try TestCertificates.selfSigned(commonName: "outsider")
        let hex = outsider.der.map { String(format: "%02x", $0) }.joined()
        try edit(
            fixture,
            """
            INSERT INTO certificates (adapter_id, name, fingerprint, subject, not_before, not_after, der, created_at, mac)
            SELECT adapter_id, 'outsider', '\(outsider.fingerprint)', 'CN=outsider', not_before, not_after, x'\(hex)',
                created_at, mac FROM certificates LIMIT 1;
            UPDATE generation SET value = value + 1;
            """)
        let error = #expect(throws: KeyStoreError.self) { try fixture.store.configuration() }
        #expect(error?.code == .integrityFailure)
        #expect(error?.reason.contains("certificate row") == true, "\(error?.reason ?? "")")
        #expect(throws: KeyStoreError.self) { try fixture.store.binding(forCertificateFingerprint: outsider.fingerprint) }
    }

    @Test func rebindingACertificateToAnotherAdapterIsRefused() async throws {
        let fixture = try await StoreFixture.make()
        let client = try await registerCertificate(fixture, name: "vcenter")
        try edit(fixture, "UPDATE certificates SET adapter_id = \(fixture.otherAdapterID)")
        #expect(throws: KeyStoreError.self) { try fixture.store.configuration() }
        #expect(throws: KeyStoreError.self) { try fixture.store.binding(forCertificateFingerprint: client.fingerprint) }
    }

    /// A deleted certificate's row put back with its old tag verifies on its own; the
    /// generation's tag covers the list of rows, so the configuration still refuses it.
    @Test func aRemovedCertificateRestoredFromAnOldCopyIsRefused() async throws {
        let fixture = try await StoreFixture.make()
        _ = try await registerCertificate(fixture, name: "vcenter")
        let saved = try SQLiteDatabase(path: fixture.location.databaseFile, create: false)
        let row = try saved.statement("SELECT id, adapter_id, fingerprint, der, not_before, not_after, created_at, mac FROM certificates")
        #expect(try row.step())
        let values = (
            row.int64(0), row.int64(1), row.string(2), row.blob(3), row.int64(4), row.int64(5), row.int64(6),
            row.blob(7))
        row.reset()
        _ = try await fixture.store.apply([.removeCertificate(instance: "prod", adapter: "vc", name: "vcenter")])
        _ = try fixture.store.configuration()
        let insert = try saved.statement(
            """
            INSERT INTO certificates (id, adapter_id, name, fingerprint, subject, not_before, not_after, der, created_at, mac)
            VALUES (?, ?, 'vcenter', ?, (SELECT 'CN=vcenter'), ?, ?, ?, ?, ?)
            """)
        insert.bind(1, values.0)
        insert.bind(2, values.1)
        insert.bind(3, values.2)
        insert.bind(4, values.4)
        insert.bind(5, values.5)
        insert.bind(6, values.3)
        insert.bind(7, values.6)
        insert.bind(8, values.7)
        try insert.run()
        let error = #expect(throws: KeyStoreError.self) { try fixture.store.configuration() }
        #expect(error?.code == .integrityFailure)
    }

    /// The review's finding: setting a Compromised key's state column made it report Active.
    @Test func aCompromisedKeyCannotBeRevivedByItsStateColumn() async throws {
        let fixture = try await StoreFixture.make()
        let key = try await fixture.createKey(name: "disk")
        try await fixture.store.activate(key.uniqueIdentifier, adapterID: fixture.adapterID)
        try await fixture.store.revoke(
            key.uniqueIdentifier, adapterID: fixture.adapterID, reason: RevocationReason(code: .keyCompromise),
            compromiseOccurrenceDate: nil)
        try edit(fixture, "UPDATE objects SET state = \(State.active.rawValue), compromise_date = NULL")
        for read in [
            { _ = try fixture.store.key(key.uniqueIdentifier, adapterID: fixture.adapterID) },
            { _ = try fixture.store.object(key.uniqueIdentifier, adapterID: fixture.adapterID) },
        ] as [() throws -> Void] {
            let error = #expect(throws: KeyStoreError.self) { try read() }
            #expect(error?.code == .integrityFailure)
        }
        // Nor is a tampered row re-tagged by a later write.
        let destroy = await errorCode {
            try await fixture.store.destroy(key.uniqueIdentifier, adapterID: fixture.adapterID)
        }
        #expect(destroy == .integrityFailure)
    }

    @Test func aKeyMovedToAnotherRootKeyOrAdapterColumnIsRefused() async throws {
        let fixture = try await StoreFixture.make()
        let key = try await fixture.createKey(name: "disk")
        try edit(fixture, "UPDATE objects SET usage_mask = 2147483647")
        let error = #expect(throws: KeyStoreError.self) { try fixture.store.key(key.uniqueIdentifier, adapterID: fixture.adapterID) }
        #expect(error?.code == .integrityFailure)
    }

    /// An object moved into another adapter by its `adapter_id` column is not listed there.
    @Test func locateNeverListsARowChangedOutsideKmipgw() async throws {
        let fixture = try await StoreFixture.make()
        let moved = try await fixture.createKey(name: "shared")
        let own = try await fixture.createKey(name: "shared", adapterID: fixture.otherAdapterID)
        try edit(fixture, "UPDATE objects SET adapter_id = \(fixture.otherAdapterID) WHERE uid = '\(moved.uniqueIdentifier)'")
        let everything = LocateQuery()
        #expect(try fixture.store.locate(everything, adapterID: fixture.otherAdapterID) == [own.uniqueIdentifier])
    }

    @Test func anAdapterPointedAtAnotherRootKeyCreatesNothing() async throws {
        let fixture = try await StoreFixture.make()
        try edit(
            fixture,
            "UPDATE adapters SET root_key_id = (SELECT id FROM root_keys WHERE name = 'root2') WHERE name = 'vc'")
        #expect(await errorCode { try await fixture.createKey(name: "k") } == .integrityFailure)
    }

    /// One tampered object is reported as unreadable in views; the adapter's other objects
    /// still show.
    @Test func oneTamperedObjectDoesNotHideTheOthers() async throws {
        let fixture = try await StoreFixture.make()
        let good = try await fixture.createKey(name: "good")
        let bad = try await fixture.createKey(name: "bad")
        try edit(fixture, "UPDATE objects SET state = 2 WHERE uid = '\(bad.uniqueIdentifier)'")
        let summaries = try fixture.store.objectSummaries(adapterID: fixture.adapterID)
        #expect(summaries.count == 2)
        #expect(summaries.first { $0.uniqueIdentifier == good.uniqueIdentifier }?.problem == nil)
        #expect(summaries.first { $0.uniqueIdentifier == good.uniqueIdentifier }?.names == ["good"])
        #expect(summaries.first { $0.uniqueIdentifier == bad.uniqueIdentifier }?.problem?.contains("failed authentication") == true)
    }

    /// A store written before row authentication (schema 1) is tagged once as it stands, with a
    /// log line, and then checked like any other.
    @Test func aVersionOneStoreIsMigratedAndThenChecked() async throws {
        let fixture = try await StoreFixture.make()
        let client = try await registerCertificate(fixture, name: "vcenter")
        let key = try await fixture.createKey(name: "disk")
        fixture.store.close()
        try edit(
            fixture,
            """
            ALTER TABLE generation DROP COLUMN mac; ALTER TABLE instances DROP COLUMN mac;
            ALTER TABLE root_keys DROP COLUMN mac; ALTER TABLE adapters DROP COLUMN mac;
            ALTER TABLE certificates DROP COLUMN mac; ALTER TABLE objects DROP COLUMN mac;
            ALTER TABLE adapters DROP COLUMN max_objects; ALTER TABLE adapters DROP COLUMN max_attributes;
            ALTER TABLE adapters DROP COLUMN max_attribute_bytes; DROP TABLE adapter_objects;
            UPDATE meta SET value = 1 WHERE key = 'schema_version';
            """)
        let log = CapturingLogHandler.Store()
        let store = try SQLiteStore.open(fixture.location, logger: log.logger())
        let migration = log.events("migration")
        #expect(migration.count == 1)
        #expect(migration.first?.metadata["from"] == "1" && migration.first?.metadata["to"] == "2")
        #expect(try store.configuration().certificates.map(\.fingerprint) == [client.fingerprint])
        #expect(try store.key(key.uniqueIdentifier, adapterID: fixture.adapterID).material?.count == 32)
        // The quota's counter starts from the objects already there.
        _ = try await store.apply([
            .updateAdapter(
                instance: "prod", name: "vc", description: "vCenter", rootKey: "root",
                limits: AdapterLimits(maximumObjects: 2))
        ])
        _ = try await store.create(
            NewObject(objectType: .symmetricKey, material: [UInt8](repeating: 1, count: 32), attributes: []),
            adapterID: fixture.adapterID)
        let third = await errorCode {
            _ = try await store.create(
                NewObject(objectType: .symmetricKey, material: [UInt8](repeating: 1, count: 32), attributes: []),
                adapterID: fixture.adapterID)
        }
        #expect(third == .quotaExceeded)
        try edit(fixture, "UPDATE objects SET state = 3")
        #expect(throws: KeyStoreError.self) { try store.key(key.uniqueIdentifier, adapterID: fixture.adapterID) }
        #expect(log.events("tamper").first?.metadata["table"] == "objects")
    }

    @Test func aNewerSchemaIsRefusedWithAClearMessage() async throws {
        let fixture = try await StoreFixture.make()
        fixture.store.close()
        try edit(fixture, "UPDATE meta SET value = 9 WHERE key = 'schema_version'")
        let error = #expect(throws: KeyStoreError.self) { try SQLiteStore.open(fixture.location) }
        #expect(error?.code == .unsupportedSchema)
        #expect(error?.reason.contains("newer kmipgw") == true)
    }
}
