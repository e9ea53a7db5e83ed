import KMIP
import KeyStore

/// A store whose writes fail as a full disk makes SQLite fail, and whose reads pass through.
final class FailingStore: StateStore {
    let base: any StateStore
    let failure = KeyStoreError(.database, "database or disk is full (SQLite code 13)")

    init(_ base: any StateStore) { self.base = base }

    func configuration() throws -> StoreConfiguration { try base.configuration() }
    var isReadOnly: Bool { base.isReadOnly }
    func generation() throws -> UInt64 { try base.generation() }
    func apply(_ changes: [ConfigurationChange], conditions: ApplyConditions) async throws -> ApplyResult { throw failure }
    func objectCounts() throws -> ObjectCounts { try base.objectCounts() }
    func objectSummaries(adapterID: Int64) throws -> [ObjectSummary] { try base.objectSummaries(adapterID: adapterID) }
    func binding(forCertificateFingerprint fingerprint: String) throws -> CertificateBinding? {
        try base.binding(forCertificateFingerprint: fingerprint)
    }
    func create(_ object: NewObject, adapterID: Int64) async throws -> StoredObject { throw failure }
    func object(_ uniqueIdentifier: String, adapterID: Int64) throws -> StoredObject { try base.object(uniqueIdentifier, adapterID: adapterID) }
    func key(_ uniqueIdentifier: String, adapterID: Int64) throws -> StoredKey { try base.key(uniqueIdentifier, adapterID: adapterID) }
    func locate(_ query: LocateQuery, adapterID: Int64) throws -> [String] { try base.locate(query, adapterID: adapterID) }
    func activate(_ uniqueIdentifier: String, adapterID: Int64) async throws { throw failure }
    func revoke(
        _ uniqueIdentifier: String, adapterID: Int64, reason: RevocationReason, compromiseOccurrenceDate: Int64?
    ) async throws { throw failure }
    func destroy(_ uniqueIdentifier: String, adapterID: Int64) async throws { throw failure }
    func updateAttributes(
        _ uniqueIdentifier: String, adapterID: Int64, _ body: @escaping @Sendable (inout [Attribute]) throws -> Void
    ) async throws -> [Attribute] { throw failure }
}
