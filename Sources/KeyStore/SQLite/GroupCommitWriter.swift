import Dispatch
import Synchronization

/// The single writer of one process: callers enqueue jobs; one serial queue runs every job
/// waiting at that moment inside one transaction (one fsync), then resumes them all.
///
/// This is group commit: with 16 concurrent creators the cost of an fsync is shared by all the
/// creates that arrived while the previous one ran. Each job runs inside its own savepoint, so a
/// job that throws is rolled back alone and the others still commit. Nothing is acknowledged
/// before COMMIT returns: with `synchronous=FULL` an acknowledged change survives a crash.
final class GroupCommitWriter: Sendable {
    /// One queued job: `run` executes inside the batch transaction and returns how to finish it
    /// once the transaction's fate (nil: committed, else the commit error) is known; `fail`
    /// finishes it without running when the transaction could not even begin.
    struct Job: Sendable {
        let run: @Sendable (SQLiteDatabase) -> @Sendable ((any Error)?) -> Void
        let fail: @Sendable (any Error) -> Void
    }

    private struct Queue: ~Copyable {
        var pending: [Job] = []
        var draining = false
    }

    /// The write connection. Touched only on `dispatch`, which is serial.
    private let database: SQLiteDatabase
    private let dispatch = DispatchQueue(label: "kmipgw.keystore.writer")
    private let queue = Mutex(Queue())
    /// The most jobs one transaction takes, bounding the latency a batch adds.
    private let maximumBatch = 1024

    init(database: SQLiteDatabase) {
        self.database = database
    }

    /// Runs `body` in the next batch transaction and returns its value once that transaction is
    /// durable. `body` runs on the writer queue: it must not block on other store calls.
    func write<T: Sendable>(
        _ body: @escaping @Sendable (SQLiteDatabase) throws -> T
    ) async throws -> T {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
            let run: @Sendable (SQLiteDatabase) -> @Sendable ((any Error)?) -> Void = { database in
                do {
                    try database.statement("SAVEPOINT job").run()
                } catch {
                    return { _ in continuation.resume(throwing: error) }
                }
                do {
                    let value = try body(database)
                    try? database.statement("RELEASE job").run()
                    return { commitError in
                        if let commitError {
                            continuation.resume(throwing: commitError)
                        } else {
                            continuation.resume(returning: value)
                        }
                    }
                } catch {
                    try? database.statement("ROLLBACK TO job").run()
                    try? database.statement("RELEASE job").run()
                    return { _ in continuation.resume(throwing: error) }
                }
            }
            enqueue(Job(run: run, fail: { continuation.resume(throwing: $0) }))
        }
    }

    private func enqueue(_ job: Job) {
        let startDrain = queue.withLock { queue in
            queue.pending.append(job)
            if queue.draining { return false }
            queue.draining = true
            return true
        }
        if startDrain {
            dispatch.async { self.drain() }
        }
    }

    private func drain() {
        while true {
            let batch: [Job] = queue.withLock { queue in
                if queue.pending.isEmpty {
                    queue.draining = false
                    return []
                }
                let count = min(queue.pending.count, maximumBatch)
                let batch = Array(queue.pending.prefix(count))
                queue.pending.removeFirst(count)
                return batch
            }
            if batch.isEmpty { return }
            run(batch)
        }
    }

    private func run(_ batch: [Job]) {
        do {
            // IMMEDIATE takes the write lock now (waiting up to the busy timeout for another
            // process), so no statement inside can fail later with a lock upgrade error.
            try database.statement("BEGIN IMMEDIATE").run()
        } catch {
            for job in batch { job.fail(error) }
            return
        }
        var finishers: [@Sendable ((any Error)?) -> Void] = []
        finishers.reserveCapacity(batch.count)
        for (index, job) in batch.enumerated() {
            // After SQLITE_FULL or SQLITE_IOERR, SQLite may roll the whole transaction back by
            // itself: the jobs run so far are undone, and a job run now would commit on its own
            // (its SAVEPOINT would open a transaction of its own) while COMMIT below failed.
            guard database.isInTransaction else {
                for finish in finishers { finish(Self.batchRolledBack) }
                requeue(batch[index...])
                return
            }
            finishers.append(job.run(database))
        }
        guard database.isInTransaction else {
            for finish in finishers { finish(Self.batchRolledBack) }
            return
        }
        do {
            try database.statement("COMMIT").run()
        } catch {
            try? database.execute("ROLLBACK")
            for finish in finishers { finish(error) }
            return
        }
        for finish in finishers { finish(nil) }
    }

    /// What a job hears when another job's failure made SQLite undo the whole batch.
    static let batchRolledBack = KeyStoreError(
        .database, "the write was undone with its batch after a database failure (disk full or I/O error)")

    /// Puts jobs that never ran back at the head of the queue: they get a transaction of their
    /// own, and an answer that matches what it stores.
    private func requeue(_ jobs: ArraySlice<Job>) {
        queue.withLock { queue in queue.pending.insert(contentsOf: jobs, at: 0) }
    }

    /// Runs `body` on the writer queue outside any transaction (checkpoints, closing).
    func maintenance(_ body: @escaping @Sendable (SQLiteDatabase) -> Void) {
        dispatch.async { body(self.database) }
    }

    /// Waits until every job queued so far has finished.
    func flush() {
        dispatch.sync {}
    }
}
