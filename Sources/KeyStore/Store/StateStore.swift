import KMIP

/// Everything kmipgw keeps, behind one protocol: the Reconciler and the server's Operations
/// call this, never SQL, so a PostgreSQL backend can implement it later.
///
/// Errors are ``KeyStoreError``. Reads are synchronous and fast (microseconds); writes are
/// `async` and return once durable (group commit: concurrent writes share one fsync).
public protocol StateStore: AnyObject, Sendable {
    /// Whether the store was opened read-only (its files cannot be written): reads work, every
    /// write fails. `serve` and `apply` refuse such a store up front.
    var isReadOnly: Bool { get }

    // MARK: Configuration (the Reconciler, `get`, `describe`, the server's Snapshot)

    /// Every configuration row in one snapshot, with its generation.
    func configuration() throws -> StoreConfiguration
    /// The generation: rises with every committed configuration change. One indexed read.
    func generation() throws -> UInt64
    /// Applies `changes` in order in one transaction: all or nothing. Raises the generation
    /// once when `changes` is not empty. `conditions` are checked inside the transaction
    /// (``KeyStoreError/Code/generationChanged``, ``KeyStoreError/Code/destroyNotAllowed``).
    func apply(_ changes: [ConfigurationChange], conditions: ApplyConditions) async throws -> ApplyResult
    /// KMIP object counts per adapter and per root key.
    func objectCounts() throws -> ObjectCounts
    /// The metadata (never material) of every object of an adapter, oldest first.
    func objectSummaries(adapterID: Int64) throws -> [ObjectSummary]
    /// The adapter a client certificate (SHA-256 fingerprint, hex) belongs to.
    func binding(forCertificateFingerprint fingerprint: String) throws -> CertificateBinding?

    // MARK: KMIP objects, always within one adapter

    /// Create / Register: stores the object sealed under the adapter's current root key.
    func create(_ object: NewObject, adapterID: Int64) async throws -> StoredObject
    /// Get Attributes and Get Attribute List: the object with its unsealed attributes, without
    /// its material.
    func object(_ uniqueIdentifier: String, adapterID: Int64) throws -> StoredObject
    /// Get: the key's material and the fields a Get response carries, attributes left sealed.
    func key(_ uniqueIdentifier: String, adapterID: Int64) throws -> StoredKey
    /// Locate: the matching identifiers, oldest first.
    func locate(_ query: LocateQuery, adapterID: Int64) throws -> [String]
    /// Activate: Pre-Active → Active.
    func activate(_ uniqueIdentifier: String, adapterID: Int64) async throws
    /// Revoke: to Compromised (Key/CA Compromise) or Deactivated (any other reason).
    func revoke(
        _ uniqueIdentifier: String, adapterID: Int64, reason: RevocationReason, compromiseOccurrenceDate: Int64?
    ) async throws
    /// Destroy: refused while Active; deletes the material, keeps the metadata.
    func destroy(_ uniqueIdentifier: String, adapterID: Int64) async throws
    /// Add / Modify / Delete Attribute: `body` edits the full attribute list (as
    /// ``StoredObject/allAttributes``) inside the write transaction. Server-managed attributes
    /// must come back unchanged; Activation and Deactivation Dates follow the lifecycle rules.
    /// Returns the attributes after the change.
    func updateAttributes(
        _ uniqueIdentifier: String, adapterID: Int64,
        _ body: @escaping @Sendable (inout [Attribute]) throws -> Void
    ) async throws -> [Attribute]
}

extension StateStore {
    /// Applies `changes` without conditions (``ApplyConditions/unconditional``).
    public func apply(_ changes: [ConfigurationChange]) async throws -> ApplyResult {
        try await apply(changes, conditions: .unconditional)
    }
}
