import CSQLite

/// One SQLite connection through the C API of the system's SQLite (the `CSQLite` module), with
/// a cache of prepared statements.
///
/// Not thread-safe by itself: every instance is owned by exactly one lock (a reader slot) or one
/// serial queue (the writer), which is why the unchecked `Sendable` is sound. An async binding
/// (SQLiteNIO's) costs an event-loop hop per statement, which alone exceeds the 20 µs budget of a
/// Get; the C API keeps a Get at a few microseconds.
final class SQLiteDatabase: @unchecked Sendable {
    private(set) var handle: OpaquePointer?
    private var statements: [String: SQLiteStatement] = [:]
    let path: String

    /// Opens an existing database (or creates it when `create` is set) and applies the pragmas
    /// every kmipgw connection needs.
    ///
    /// `readOnly` opens the file as it is on disk for a state directory kmipgw cannot write (a
    /// read-only mount): SQLite's WAL mode needs to create its shared-memory file, so the file is
    /// opened `immutable`, without it.
    init(path: String, create: Bool, readOnly: Bool = false) throws(KeyStoreError) {
        _ = Self.configureLibrary
        self.path = path
        var flags = SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE
        flags |= readOnly ? SQLITE_OPEN_READONLY | SQLITE_OPEN_URI : SQLITE_OPEN_READWRITE
        if create { flags |= SQLITE_OPEN_CREATE }
        var db: OpaquePointer?
        let name = readOnly ? "file:" + Self.uriEscaped(path) + "?immutable=1" : path
        let rc = sqlite3_open_v2(name, &db, flags, nil)
        handle = db
        guard rc == SQLITE_OK else {
            let message = db.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
            sqlite3_close_v2(db)
            handle = nil
            if rc & 0xFF == SQLITE_CANTOPEN {
                throw KeyStoreError(.notInitialized, "cannot open the database \(path): \(message)")
            }
            throw KeyStoreError(.database, "cannot open the database \(path): \(message)")
        }
        if readOnly { return }
        // A second process (apply next to serve) may hold the write lock for a moment.
        sqlite3_busy_timeout(handle, 15_000)
        // secure_delete: freed pages (destroyed material, deleted root keys) are zeroed.
        // foreign_keys: the schema's references are checked, never silently dangling.
        try execute("PRAGMA secure_delete = ON; PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL;")
    }

    /// A path as the path part of a `file:` URI: `%`, `?` and `#` escaped.
    /// Process-wide settings, made once before the first connection opens (Swift runs a static
    /// initialiser exactly once): memory statistics off, as sqlite-nio's build had them, so that
    /// concurrent readers do not queue on SQLite's allocation mutex.
    private static let configureLibrary: Void = {
        _ = kmipgw_sqlite3_disable_memory_statistics()
    }()

    private static func uriEscaped(_ path: String) -> String {
        var result = ""
        for character in path.unicodeScalars {
            switch character {
            case "%": result += "%25"
            case "?": result += "%3f"
            case "#": result += "%23"
            default: result.unicodeScalars.append(character)
            }
        }
        return result
    }

    deinit {
        statements.removeAll()
        sqlite3_close_v2(handle)
    }

    /// Runs one or more statements that return no rows.
    func execute(_ sql: String) throws(KeyStoreError) {
        var error: UnsafeMutablePointer<CChar>?
        let rc = sqlite3_exec(handle, sql, nil, nil, &error)
        if rc != SQLITE_OK {
            let message = error.map { String(cString: $0) } ?? "code \(rc)"
            sqlite3_free(error)
            throw SQLiteDatabase.error(rc, message, sql: sql)
        }
    }

    /// A cached prepared statement, reset and with its bindings cleared.
    func statement(_ sql: String) throws(KeyStoreError) -> SQLiteStatement {
        if let cached = statements[sql] {
            cached.reset()
            return cached
        }
        let statement = try SQLiteStatement(database: self, sql: sql)
        statements[sql] = statement
        return statement
    }

    /// A statement prepared for one use (dynamic SQL such as a Locate with a variable filter).
    func temporaryStatement(_ sql: String) throws(KeyStoreError) -> SQLiteStatement {
        try SQLiteStatement(database: self, sql: sql)
    }

    var lastInsertRowID: Int64 {
        sqlite3_last_insert_rowid(handle)
    }

    /// Whether a transaction is open; false once SQLite rolled one back by itself.
    var isInTransaction: Bool {
        sqlite3_get_autocommit(handle) == 0
    }

    var changes: Int {
        Int(sqlite3_changes(handle))
    }

    var lastErrorMessage: String {
        String(cString: sqlite3_errmsg(handle))
    }

    /// A single integer from a query such as `PRAGMA data_version`.
    func integer(_ sql: String) throws(KeyStoreError) -> Int64 {
        let statement = try statement(sql)
        defer { statement.reset() }
        guard try statement.step() else {
            throw KeyStoreError(.database, "\(sql) returned no row")
        }
        return statement.int64(0)
    }

    static func error(_ rc: Int32, _ message: String, sql: String) -> KeyStoreError {
        let primary = rc & 0xFF
        if primary == SQLITE_CONSTRAINT {
            if message.contains("certificates.fingerprint") {
                return KeyStoreError(.duplicateFingerprint, "a certificate with this fingerprint is already registered")
            }
            if message.contains("UNIQUE") {
                return KeyStoreError(.alreadyExists, message)
            }
        }
        if primary == SQLITE_READONLY {
            return KeyStoreError(.readOnly, "the store is read-only here and cannot be changed: \(message)")
        }
        if primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB {
            return KeyStoreError(.integrityFailure, "the database file is damaged: \(message)")
        }
        return KeyStoreError(.database, "\(message) (SQLite code \(rc))")
    }
}
