import Crypto
import Foundation
import KMIP
import Synchronization

/// The SQLite implementation of ``StateStore``: one database file in the state directory, in
/// WAL mode with `synchronous=FULL` and `secure_delete=ON`, shared safely by an `apply` and a
/// `serve` process.
///
/// One writer connection behind a group-commit queue, a small pool of reader connections, and a
/// cache of object sealers derived from unsealed root keys (never of KMIP key material).
public final class SQLiteStore: StateStore {
    /// Where the files are.
    public let location: StoreLocation
    let clock: StoreClock
    let hierarchy: KeyHierarchy
    let blindIndex: BlindIndex
    let readers: ReaderPool
    let writer: GroupCommitWriter
    /// Object sealers by root key id. Root key ids are never reused (AUTOINCREMENT) and their
    /// material never changes, so an entry cannot go stale; a deleted root key's objects are
    /// deleted in the same transaction, so its entry has nothing left to open.
    let sealers = Mutex<[Int64: Sealer]>([:])

    /// How many reader connections: Gets and Locates run in parallel up to this.
    static let readerCount = 4

    /// Opens an initialised state directory. Checks the master key before anything else and
    /// modifies nothing: a wrong or missing key is a ``KeyStoreError`` naming the problem.
    public static func open(_ location: StoreLocation, clock: StoreClock = .system) throws -> SQLiteStore {
        guard FileManager.default.fileExists(atPath: location.databaseFile) else {
            throw KeyStoreError(
                .notInitialized, "no store at \(location.databaseFile); run `kmipgw init` first")
        }
        try StatePermissions.check(location)
        let masterKey = try MasterKey.load(from: location.masterKeyFile)
        return try SQLiteStore(location: location, masterKey: masterKey, clock: clock)
    }

    init(location: StoreLocation, masterKey: MasterKey, clock: StoreClock) throws(KeyStoreError) {
        self.location = location
        self.clock = clock
        let database = try SQLiteDatabase(path: location.databaseFile, create: false)
        let meta = try Self.readMeta(database)
        guard meta.schemaVersion == Schema.version else {
            throw KeyStoreError(
                .unsupportedSchema,
                "the store has schema version \(meta.schemaVersion); this kmipgw reads version \(Schema.version)")
        }
        let hierarchy = KeyHierarchy(masterKey: masterKey.key, storeID: meta.storeID)
        guard hierarchy.matches(checkValue: meta.keyCheck) else {
            throw KeyStoreError(
                .wrongMasterKey,
                "the master key in \(location.masterKeyFile) is not the key this store was initialised with")
        }
        // Bounds the WAL after a burst; the writer connection checkpoints automatically.
        try database.execute("PRAGMA journal_size_limit = 67108864")
        self.hierarchy = hierarchy
        self.blindIndex = BlindIndex(key: hierarchy.indexKey)
        self.readers = try ReaderPool(path: location.databaseFile, count: Self.readerCount)
        self.writer = GroupCommitWriter(database: database)
    }

    struct Meta {
        var schemaVersion: Int64
        var storeID: [UInt8]
        var keyCheck: [UInt8]
    }

    static func readMeta(_ database: SQLiteDatabase) throws(KeyStoreError) -> Meta {
        let tables = try database.integer(
            "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'meta'")
        guard tables == 1 else {
            throw KeyStoreError(.notInitialized, "the database has no kmipgw tables; run `kmipgw init`")
        }
        let statement = try database.statement("SELECT key, value FROM meta")
        defer { statement.reset() }
        var values: [String: [UInt8]] = [:]
        var version: Int64?
        while try statement.step() {
            let key = statement.string(0)
            if key == "schema_version" {
                version = statement.int64(1)
            } else {
                values[key] = statement.blob(1)
            }
        }
        guard let version, let storeID = values["store_id"], let keyCheck = values["key_check"] else {
            throw KeyStoreError(.notInitialized, "the database is not fully initialised; run `kmipgw init`")
        }
        return Meta(schemaVersion: version, storeID: storeID, keyCheck: keyCheck)
    }

    /// Creates the schema in a new (empty) database in one transaction, so an interrupted
    /// `init` leaves either nothing or a complete store.
    static func createSchema(at path: String, masterKey: MasterKey) throws(KeyStoreError) {
        let database = try SQLiteDatabase(path: path, create: true)
        // The -wal and -shm files SQLite creates later take this mode too.
        chmod(path, 0o600)
        // WAL is a property of the file: set once here, every later connection uses it.
        let mode = try database.statement("PRAGMA journal_mode = WAL")
        _ = try mode.step()
        let journal = mode.string(0)
        mode.reset()
        guard journal == "wal" else {
            throw KeyStoreError(.database, "cannot put the database in WAL mode (got \(journal))")
        }
        let tables = try database.integer("SELECT count(*) FROM sqlite_schema WHERE name = 'meta'")
        if tables == 1 { return }
        var storeID = [UInt8](repeating: 0, count: 16)
        for index in storeID.indices { storeID[index] = UInt8.random(in: .min ... .max) }
        let hierarchy = KeyHierarchy(masterKey: masterKey.key, storeID: storeID)
        try database.execute("BEGIN IMMEDIATE")
        do {
            try database.execute(Schema.create)
            let insert = try database.statement("INSERT INTO meta (key, value) VALUES (?, ?)")
            insert.bind(1, "store_id")
            insert.bind(2, storeID)
            try insert.run()
            insert.bind(1, "key_check")
            insert.bind(2, hierarchy.checkValue)
            try insert.run()
            let version = try database.statement("INSERT INTO meta (key, value) VALUES ('schema_version', ?)")
            version.bind(1, Schema.version)
            try version.run()
            try database.execute("COMMIT")
        } catch {
            try? database.execute("ROLLBACK")
            throw error
        }
    }

    /// Waits for queued writes, then checkpoints the WAL into the database file.
    public func close() {
        writer.flush()
        writer.maintenance { database in try? database.execute("PRAGMA wal_checkpoint(TRUNCATE)") }
        writer.flush()
    }

    // MARK: Root keys

    /// The sealer of objects under root key `id`, unsealing the root key on first use.
    func sealer(rootKeyID id: Int64, database: SQLiteDatabase) throws(KeyStoreError) -> Sealer {
        if let cached = sealers.withLock({ $0[id] }) { return cached }
        let statement = try database.statement("SELECT instance_id, sealed_key FROM root_keys WHERE id = ?")
        defer { statement.reset() }
        statement.bind(1, id)
        guard try statement.step() else {
            throw KeyStoreError(.rootKeyUnavailable, "root key \(id) no longer exists; its objects are unusable")
        }
        let instanceID = statement.int64(0)
        let material = try hierarchy.rootKeySealer.open(
            statement.blob(1), binding: .rootKey(id: id, instanceID: instanceID))
        guard material.count == 32 else {
            throw KeyStoreError(.integrityFailure, "root key \(id) does not hold 256 bits")
        }
        let sealer = KeyHierarchy.objectSealer(rootKey: SymmetricKey(data: material), rootKeyID: id)
        sealers.withLock { $0[id] = sealer }
        return sealer
    }
}
