import Foundation
import CSQLite

/// A prepared statement: positional binding (1-based, as SQLite counts) and typed column reads.
final class SQLiteStatement {
    private var handle: OpaquePointer?
    private unowned let database: SQLiteDatabase
    private let sql: String

    /// SQLite copies bound bytes when given this destructor value (`SQLITE_TRANSIENT`), so the
    /// Swift buffers may go away right after binding.
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    init(database: SQLiteDatabase, sql: String) throws(KeyStoreError) {
        self.database = database
        self.sql = sql
        var statement: OpaquePointer?
        let rc = sqlite3_prepare_v3(
            database.handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, nil)
        guard rc == SQLITE_OK else {
            throw SQLiteDatabase.error(rc, database.lastErrorMessage, sql: sql)
        }
        handle = statement
    }

    deinit {
        sqlite3_finalize(handle)
    }

    func reset() {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
    }

    func bind(_ index: Int32, _ value: Int64?) {
        if let value {
            sqlite3_bind_int64(handle, index, value)
        } else {
            sqlite3_bind_null(handle, index)
        }
    }

    func bind(_ index: Int32, _ value: String?) {
        if let value {
            sqlite3_bind_text(handle, index, value, -1, Self.transient)
        } else {
            sqlite3_bind_null(handle, index)
        }
    }

    func bind(_ index: Int32, _ value: [UInt8]?) {
        guard let value else {
            sqlite3_bind_null(handle, index)
            return
        }
        value.withUnsafeBytes { bytes in
            // A zero-length blob still needs a non-nil pointer, or SQLite stores NULL.
            let base = bytes.baseAddress ?? UnsafeRawPointer(bitPattern: 1)
            _ = sqlite3_bind_blob(handle, index, base, Int32(bytes.count), Self.transient)
        }
    }

    /// Advances to the next row: `true` when a row is available, `false` when done.
    @discardableResult
    func step() throws(KeyStoreError) -> Bool {
        let rc = sqlite3_step(handle)
        switch rc {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default:
            let message = database.lastErrorMessage
            sqlite3_reset(handle)
            throw SQLiteDatabase.error(rc, message, sql: sql)
        }
    }

    /// Runs a statement that returns no rows, then resets it.
    func run() throws(KeyStoreError) {
        defer { reset() }
        try step()
    }

    func isNull(_ column: Int32) -> Bool {
        sqlite3_column_type(handle, column) == SQLITE_NULL
    }

    func int64(_ column: Int32) -> Int64 {
        sqlite3_column_int64(handle, column)
    }

    func optionalInt64(_ column: Int32) -> Int64? {
        isNull(column) ? nil : int64(column)
    }

    func string(_ column: Int32) -> String {
        guard let text = sqlite3_column_text(handle, column) else { return "" }
        return String(cString: text)
    }

    func optionalString(_ column: Int32) -> String? {
        isNull(column) ? nil : string(column)
    }

    func blob(_ column: Int32) -> [UInt8] {
        // column_blob first, then column_bytes: the order SQLite documents as safe.
        let pointer = sqlite3_column_blob(handle, column)
        let count = Int(sqlite3_column_bytes(handle, column))
        guard count > 0, let pointer else { return [] }
        return Array(UnsafeRawBufferPointer(start: pointer, count: count))
    }

    func optionalBlob(_ column: Int32) -> [UInt8]? {
        isNull(column) ? nil : blob(column)
    }

    /// Appends columns `0..<count` of the current row to `bytes`, each as its type and value
    /// (the encoding ``RowAuthenticator`` authenticates): a type byte, then 8 big-endian bytes
    /// for a number, or a 4-byte length and the bytes for text and blobs.
    func appendAuthenticated(columns count: Int32, to bytes: inout [UInt8]) {
        for column in 0..<count {
            switch sqlite3_column_type(handle, column) {
            case SQLITE_NULL:
                bytes.append(0)
            case SQLITE_INTEGER:
                bytes.append(1)
                withUnsafeBytes(of: int64(column).bigEndian) { bytes += $0 }
            case SQLITE_TEXT:
                let pointer = sqlite3_column_text(handle, column)
                let length = Int(sqlite3_column_bytes(handle, column))
                Self.append(3, pointer.map(UnsafeRawPointer.init), length, to: &bytes)
            case SQLITE_BLOB:
                let pointer = sqlite3_column_blob(handle, column)
                let length = Int(sqlite3_column_bytes(handle, column))
                Self.append(4, pointer, length, to: &bytes)
            default:
                // Floats never appear in kmipgw's tables; one that does fails to verify.
                bytes.append(5)
                let pointer = sqlite3_column_text(handle, column)
                Self.append(5, pointer.map(UnsafeRawPointer.init), Int(sqlite3_column_bytes(handle, column)), to: &bytes)
            }
        }
    }

    private static func append(_ type: UInt8, _ pointer: UnsafeRawPointer?, _ length: Int, to bytes: inout [UInt8]) {
        bytes.append(type)
        withUnsafeBytes(of: UInt32(truncatingIfNeeded: length).bigEndian) { bytes += $0 }
        if let pointer, length > 0 {
            bytes += UnsafeRawBufferPointer(start: pointer, count: length)
        }
    }

    /// The number of columns of the statement's result.
    var columnCount: Int32 {
        sqlite3_column_count(handle)
    }
}
