import Synchronization

/// A few read connections, each behind its own lock. In WAL mode readers never wait for the
/// writer, and several requests read in parallel; a Get holds a slot for a few microseconds.
final class ReaderPool: Sendable {
    /// A lock is not copyable, so each lives in a class an array can hold.
    private final class Slot: Sendable {
        let connection: Mutex<SQLiteDatabase>

        init(_ database: sending SQLiteDatabase) {
            connection = Mutex(database)
        }
    }

    private let slots: [Slot]
    private let next = Atomic<Int>(0)

    init(path: String, count: Int) throws(KeyStoreError) {
        var slots: [Slot] = []
        for _ in 0..<max(1, count) {
            let database = try SQLiteDatabase(path: path, create: false)
            // Reads through a memory map skip a pread per B-tree page: a Get on a store of a
            // million objects visits about eight pages.
            try database.execute("PRAGMA mmap_size = 1073741824; PRAGMA cache_size = -16384")
            slots.append(Slot(database))
        }
        self.slots = slots
    }

    /// Runs `body` on a free connection, or waits for one.
    func read<T: Sendable>(_ body: (SQLiteDatabase) throws(KeyStoreError) -> T) throws(KeyStoreError) -> T {
        let start = next.wrappingAdd(1, ordering: .relaxed).oldValue
        for offset in 0..<slots.count {
            let slot = slots[(start &+ offset) % slots.count]
            let attempt: Result<T, KeyStoreError>? = slot.connection.withLockIfAvailable { database in
                Result { () throws(KeyStoreError) -> T in try body(database) }
            }
            if let attempt { return try attempt.get() }
        }
        let result: Result<T, KeyStoreError> = slots[start % slots.count].connection.withLock { database in
            Result { () throws(KeyStoreError) -> T in try body(database) }
        }
        return try result.get()
    }

    /// Runs `body` inside one read transaction, so several statements see one snapshot.
    func snapshot<T: Sendable>(_ body: (SQLiteDatabase) throws(KeyStoreError) -> T) throws(KeyStoreError) -> T {
        try read { database throws(KeyStoreError) -> T in
            try database.execute("BEGIN")
            let result = Result { () throws(KeyStoreError) -> T in try body(database) }
            if case .failure = result {
                try? database.execute("ROLLBACK")
            } else {
                try database.execute("COMMIT")
            }
            return try result.get()
        }
    }
}
