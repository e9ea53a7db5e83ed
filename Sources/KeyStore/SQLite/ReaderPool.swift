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

    init(path: String, count: Int, readOnly: Bool = false) throws(KeyStoreError) {
        var slots: [Slot] = []
        for _ in 0..<max(1, count) {
            let database = try SQLiteDatabase(path: path, create: false, readOnly: readOnly)
            // No memory map: each reader mapping the file counted the whole store in the
            // server's resident memory once per reader (1.4 GiB for a million keys on four
            // readers, Benchmarks/million.sh); without it Locates of random names ran about a
            // tenth slower and Gets no slower. An 8 MiB page cache per reader keeps the hot
            // B-tree pages; 16 MiB bought nothing.
            try database.execute("PRAGMA mmap_size = 0; PRAGMA cache_size = -8192")
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
