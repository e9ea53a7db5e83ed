import Crypto
import Logging

extension SQLiteStore {
    /// Tags row `id` of `table` after kmipgw itself wrote it. Called inside the write
    /// transaction, after the row was read and verified (never on a row read unverified, so a
    /// tampered row is never laundered).
    static func authenticate(
        _ table: AuthenticatedTable, id: Int64, with authenticator: RowAuthenticator, database: SQLiteDatabase
    ) throws(KeyStoreError) {
        let select = try database.statement("SELECT \(table.columns) FROM \(table.rawValue) WHERE id = ?")
        select.bind(1, id)
        guard try select.step() else {
            select.reset()
            throw KeyStoreError(.database, "\(table.noun) \(id) vanished inside its own transaction")
        }
        var input = RowAuthenticator.input(table: table.rawValue)
        select.appendAuthenticated(columns: select.columnCount, to: &input)
        select.reset()
        let update = try database.statement("UPDATE \(table.rawValue) SET mac = ? WHERE id = ?")
        update.bind(1, authenticator.tag(input))
        update.bind(2, id)
        try update.run()
    }

    func authenticate(_ table: AuthenticatedTable, id: Int64, database: SQLiteDatabase) throws(KeyStoreError) {
        try Self.authenticate(table, id: id, with: hierarchy.rowAuthenticator, database: database)
    }

    /// Checks the current row of `statement`, a `SELECT <table.columns>, mac …`. A mismatch is
    /// logged as tampering and thrown: nothing is served from the row.
    func verify(_ table: AuthenticatedTable, _ statement: SQLiteStatement) throws(KeyStoreError) {
        let count = statement.columnCount - 1
        var input = RowAuthenticator.input(table: table.rawValue)
        statement.appendAuthenticated(columns: count, to: &input)
        guard hierarchy.rowAuthenticator.isValid(statement.optionalBlob(count), input) else {
            throw tampered(table, id: statement.int64(0))
        }
    }

    /// Reads row `id` of `table` and checks it.
    func verifyRow(_ table: AuthenticatedTable, id: Int64, database: SQLiteDatabase) throws(KeyStoreError) {
        let statement = try database.statement("SELECT \(table.columns), mac FROM \(table.rawValue) WHERE id = ?")
        defer { statement.reset() }
        statement.bind(1, id)
        guard try statement.step() else {
            throw KeyStoreError(.notFound, "\(table.noun) \(id) does not exist")
        }
        try verify(table, statement)
    }

    /// The error for a row that failed its check, logged once here with what identifies it.
    func tampered(_ table: AuthenticatedTable, id: Int64) -> KeyStoreError {
        logger.error(
            "a store row failed authentication: it was changed outside kmipgw and is not used",
            metadata: ["event": "tamper", "table": "\(table.rawValue)", "row": "\(id)"])
        return KeyStoreError(
            .integrityFailure,
            "\(table.noun) row \(id) failed authentication: it was changed outside kmipgw and is not used")
    }

    // MARK: The configuration as a whole

    /// Checks every configuration row and the generation's tag, which covers the generation and
    /// the list of every configuration row's tag: a row inserted, deleted or restored from an
    /// older copy changes that list. Runs inside the caller's read snapshot.
    func verifyConfiguration(_ database: SQLiteDatabase) throws(KeyStoreError) {
        var digest = SHA256()
        for table in AuthenticatedTable.configuration {
            let statement = try database.statement(
                "SELECT \(table.columns), mac FROM \(table.rawValue) ORDER BY id")
            defer { statement.reset() }
            while try statement.step() {
                try verify(table, statement)
                Self.feed(table, id: statement.int64(0), mac: statement.blob(statement.columnCount - 1), to: &digest)
            }
        }
        let statement = try database.statement("SELECT value, mac FROM generation WHERE id = 1")
        defer { statement.reset() }
        guard try statement.step() else { throw KeyStoreError(.integrityFailure, "the generation row is missing") }
        let value = statement.int64(0)
        let stored = statement.optionalBlob(1)
        let input = RowAuthenticator.input(table: "generation") + Self.generationBytes(value, Array(digest.finalize()))
        guard hierarchy.rowAuthenticator.isValid(stored, input) else {
            logger.error(
                "the configuration failed authentication: rows were added, removed or changed outside kmipgw",
                metadata: ["event": "tamper", "table": "generation", "generation": "\(value)"])
            throw KeyStoreError(
                .integrityFailure,
                "the configuration (generation \(value)) failed authentication: rows were added, removed or changed "
                    + "outside kmipgw; it is not used")
        }
    }

    /// Re-tags the generation after an apply changed the configuration (inside its transaction).
    static func authenticateGeneration(
        with authenticator: RowAuthenticator, database: SQLiteDatabase
    ) throws(KeyStoreError) {
        var digest = SHA256()
        for table in AuthenticatedTable.configuration {
            let statement = try database.statement("SELECT id, mac FROM \(table.rawValue) ORDER BY id")
            defer { statement.reset() }
            while try statement.step() {
                feed(table, id: statement.int64(0), mac: statement.blob(1), to: &digest)
            }
        }
        let value = try database.integer("SELECT value FROM generation WHERE id = 1")
        let input = RowAuthenticator.input(table: "generation") + generationBytes(value, Array(digest.finalize()))
        let update = try database.statement("UPDATE generation SET mac = ? WHERE id = 1")
        update.bind(1, authenticator.tag(input))
        try update.run()
    }

    private static func feed(_ table: AuthenticatedTable, id: Int64, mac: [UInt8], to digest: inout SHA256) {
        var bytes = Array(table.rawValue.utf8) + [0]
        withUnsafeBytes(of: id.bigEndian) { bytes += $0 }
        withUnsafeBytes(of: UInt32(mac.count).bigEndian) { bytes += $0 }
        digest.update(data: bytes + mac)
    }

    private static func generationBytes(_ value: Int64, _ digest: [UInt8]) -> [UInt8] {
        var bytes: [UInt8] = []
        withUnsafeBytes(of: value.bigEndian) { bytes += $0 }
        return bytes + digest
    }
}
