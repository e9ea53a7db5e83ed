import Crypto
import Foundation
import KMIP
import Logging
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
    /// Tamper reports and migrations; never key material.
    let logger: Logger
    /// Whether the state directory could not be written when the store was opened: the store
    /// then shows the database as it is on disk and refuses every change with
    /// ``KeyStoreError/Code/readOnly``.
    public let isReadOnly: Bool
    /// Object sealers by root key id. Root key ids are never reused (AUTOINCREMENT) and their
    /// material never changes, so an entry cannot go stale; a deleted root key's objects are
    /// deleted in the same transaction, so its entry has nothing left to open.
    let sealers = Mutex<[Int64: Sealer]>([:])

    /// How many reader connections: Gets and Locates run in parallel up to this.
    static let readerCount = 4

    /// Opens an initialised state directory. Checks the master key before anything else and
    /// modifies nothing: a wrong or missing key is a ``KeyStoreError`` naming the problem.
    public static func open(
        _ location: StoreLocation, clock: StoreClock = .system, logger: Logger = Logger(label: "kmipgw.store")
    ) throws -> SQLiteStore {
        guard FileManager.default.fileExists(atPath: location.databaseFile) else {
            throw KeyStoreError(
                .notInitialized, "no store at \(location.databaseFile); run `kmipgw init` first")
        }
        try StatePermissions.check(location)
        let masterKey = try MasterKey.load(from: location.masterKeyFile)
        return try SQLiteStore(
            location: location, masterKey: masterKey, clock: clock, logger: logger,
            readOnly: !Self.isWritable(location))
    }

    init(
        location: StoreLocation, masterKey: MasterKey, clock: StoreClock,
        logger: Logger = Logger(label: "kmipgw.store"), readOnly: Bool = false
    ) throws(KeyStoreError) {
        self.location = location
        self.clock = clock
        self.logger = logger
        self.isReadOnly = readOnly
        let database = try SQLiteDatabase(path: location.databaseFile, create: false, readOnly: readOnly)
        let meta = try Self.readMeta(database)
        guard meta.schemaVersion <= Schema.version else {
            throw KeyStoreError(
                .unsupportedSchema,
                "the store has schema version \(meta.schemaVersion), written by a newer kmipgw; this kmipgw reads "
                    + "versions up to \(Schema.version): upgrade kmipgw")
        }
        let hierarchy = KeyHierarchy(masterKey: masterKey.key, storeID: meta.storeID)
        guard hierarchy.matches(checkValue: meta.keyCheck) else {
            throw KeyStoreError(
                .wrongMasterKey,
                "the master key in \(location.masterKeyFile) is not the key this store was initialised with")
        }
        if meta.schemaVersion < Schema.version {
            guard !readOnly else {
                throw KeyStoreError(
                    .unsupportedSchema,
                    "the store has schema version \(meta.schemaVersion) and must be migrated to \(Schema.version), "
                        + "which needs write access to \(location.directory): run any kmipgw command with write access once")
            }
            try Self.migrate(database, hierarchy: hierarchy, logger: logger)
        }
        if !readOnly {
            // Bounds the WAL after a burst; the writer connection checkpoints automatically.
            try database.execute("PRAGMA journal_size_limit = 67108864")
        }
        self.hierarchy = hierarchy
        self.blindIndex = BlindIndex(key: hierarchy.indexKey)
        self.readers = try ReaderPool(path: location.databaseFile, count: Self.readerCount, readOnly: readOnly)
        self.writer = GroupCommitWriter(database: database)
    }

    /// Whether kmipgw can write the state directory and its database: false on a read-only
    /// mount, or for a user without write permission.
    static func isWritable(_ location: StoreLocation) -> Bool {
        access(location.directory, W_OK) == 0 && access(location.databaseFile, W_OK) == 0
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
            try authenticateGeneration(with: hierarchy.rowAuthenticator, database: database)
            try database.execute("COMMIT")
        } catch {
            try? database.execute("ROLLBACK")
            throw error
        }
    }

    /// Brings a store written by an older kmipgw to ``Schema/version`` in one transaction, so an
    /// interrupted migration leaves the old version intact. Another process may have migrated
    /// meanwhile: the version is read again under the write lock.
    static func migrate(_ database: SQLiteDatabase, hierarchy: KeyHierarchy, logger: Logger) throws(KeyStoreError) {
        try database.execute("BEGIN IMMEDIATE")
        do throws(KeyStoreError) {
            let from = try readMeta(database).schemaVersion
            var version = from
            while version < Schema.version {
                guard let statements = Schema.migrations[version] else {
                    throw KeyStoreError(.unsupportedSchema, "no migration from schema version \(version)")
                }
                try database.execute(statements)
                if version == 1 {
                    // Rows written before row authentication are trusted as they are now, once.
                    for table in AuthenticatedTable.allCases {
                        var ids: [Int64] = []
                        let select = try database.statement("SELECT id FROM \(table.rawValue)")
                        while try select.step() { ids.append(select.int64(0)) }
                        select.reset()
                        for id in ids {
                            try authenticate(table, id: id, with: hierarchy.rowAuthenticator, database: database)
                        }
                    }
                    try authenticateGeneration(with: hierarchy.rowAuthenticator, database: database)
                }
                version += 1
            }
            let update = try database.statement("UPDATE meta SET value = ? WHERE key = 'schema_version'")
            update.bind(1, version)
            try update.run()
            try database.execute("COMMIT")
            if from < version {
                logger.notice(
                    "migrated the store's schema",
                    metadata: ["event": "migration", "from": "\(from)", "to": "\(version)", "path": "\(database.path)"])
            }
        } catch {
            try? database.execute("ROLLBACK")
            if error.code == .database, error.reason.contains("readonly") || error.reason.contains("read-only") {
                throw KeyStoreError(
                    .unsupportedSchema,
                    "the store has an older schema and must be migrated, which needs write access to \(database.path); "
                        + "run any kmipgw command that opens it (plan, apply, serve) with write access once")
            }
            throw error
        }
    }

    /// Waits for queued writes, then checkpoints the WAL into the database file.
    public func close() {
        if isReadOnly { return }
        writer.flush()
        writer.maintenance { database in try? database.execute("PRAGMA wal_checkpoint(TRUNCATE)") }
        writer.flush()
    }

    // MARK: Root keys

    /// The sealer of objects under root key `id`, unsealing the root key on first use.
    func sealer(rootKeyID id: Int64, database: SQLiteDatabase) throws(KeyStoreError) -> Sealer {
        if let cached = sealers.withLock({ $0[id] }) { return cached }
        let statement = try database.statement(
            "SELECT \(AuthenticatedTable.rootKeys.columns), mac FROM root_keys WHERE id = ?")
        defer { statement.reset() }
        statement.bind(1, id)
        guard try statement.step() else {
            throw KeyStoreError(.rootKeyUnavailable, "root key \(id) no longer exists; its objects are unusable")
        }
        try verify(.rootKeys, statement)
        let instanceID = statement.int64(1)
        var material = try hierarchy.rootKeySealer.open(
            statement.blob(3), binding: .rootKey(id: id, instanceID: instanceID))
        guard material.count == 32 else {
            throw KeyStoreError(.integrityFailure, "root key \(id) does not hold 256 bits")
        }
        let sealer = KeyHierarchy.objectSealer(rootKey: SymmetricKey(data: material), rootKeyID: id)
        // SymmetricKey keeps (and zeroes) its own copy; this one is zeroed here.
        SecretBytes.zero(&material)
        sealers.withLock { $0[id] = sealer }
        return sealer
    }
}
