import Foundation
import KMIP
import TTLV
import Testing
import TestSupport

@testable import KeyStore

/// The group commit's promise: every caller's answer matches what is on disk, also when SQLite
/// rolls back a whole batch by itself (as it may after SQLITE_FULL or SQLITE_IOERR).
@Suite("Group commit")
struct GroupCommitTests {
    private func database() throws -> (TemporaryDirectory, SQLiteDatabase) {
        let directory = try TemporaryDirectory(prefix: "kmipgw-group-commit")
        let database = try SQLiteDatabase(path: directory.file("db.sqlite"), create: true)
        try database.execute("CREATE TABLE t (v INTEGER NOT NULL)")
        return (directory, database)
    }

    private func values(_ path: String) throws -> Set<Int64> {
        let reader = try SQLiteDatabase(path: path, create: false)
        let statement = try reader.statement("SELECT v FROM t")
        defer { statement.reset() }
        var result: Set<Int64> = []
        while try statement.step() { result.insert(statement.int64(0)) }
        return result
    }

    /// One job of a batch ends the batch's transaction behind the writer's back, the way SQLite
    /// does after some I/O errors. No job may then be told "failed" while its row persists, nor
    /// "done" while its row is gone.
    @Test func aBatchRolledBackBySQLiteReportsWhatIsOnDisk() async throws {
        let (directory, database) = try database()
        let writer = GroupCommitWriter(database: database)
        let path = directory.file("db.sqlite")
        // Hold the queue so that every job below lands in one batch.
        let gate = DispatchSemaphore(value: 0)
        writer.maintenance { _ in gate.wait() }
        let outcomes = try await withThrowingTaskGroup(of: (Int64, Bool).self) { group in
            for value in Int64(1)...8 {
                group.addTask {
                    do {
                        try await writer.write { database in
                            try database.statement("INSERT INTO t (v) VALUES (\(value))").run()
                            if value == 4 {
                                // What SQLite does by itself on SQLITE_FULL or SQLITE_IOERR.
                                try database.execute("ROLLBACK")
                                throw KeyStoreError(.database, "database or disk is full (SQLite code 13)")
                            }
                        }
                        return (value, true)
                    } catch {
                        return (value, false)
                    }
                }
            }
            try await Task.sleep(for: .milliseconds(200))
            gate.signal()
            var outcomes: [Int64: Bool] = [:]
            for try await (value, succeeded) in group { outcomes[value] = succeeded }
            return outcomes
        }
        writer.flush()
        let stored = try values(path)
        for (value, succeeded) in outcomes {
            #expect(succeeded == stored.contains(value), "job \(value): told \(succeeded), on disk \(stored.contains(value))")
        }
        #expect(outcomes[4] == false)
    }
}

/// The same promise on a real full disk: creates race into a filesystem that fills up, and the
/// store afterwards holds exactly the keys whose Create was acknowledged.
@Suite("Group commit on a full disk", .enabled(if: SmallFilesystem.available, "needs root to mount a tmpfs"))
struct FullDiskTests {
    @Test func everyAcknowledgedCreateIsStoredAndNoOtherIs() async throws {
        let disk = try #require(SmallFilesystem.make(bytes: 1_536 * 1024))
        let location = StoreLocation(directory: disk.file("state"))
        _ = try StateInitializer(location: location).run(hostName: "test-host")
        let store = try SQLiteStore.open(location)
        _ = try await store.apply([
            .createInstance(name: "prod", description: nil),
            .createRootKey(instance: "prod", name: "root"),
            .createAdapter(instance: "prod", name: "vc", description: nil, rootKey: "root"),
        ])
        let adapterID = try #require(try store.configuration().adapters.first?.id)
        // Large sealed attributes fill the disk in a few hundred creates.
        let filler = Attribute(name: "x-filler", value: .textString(String(repeating: "f", count: 2_000)))
        let new = NewObject(objectType: .symmetricKey, material: [UInt8](repeating: 7, count: 32), attributes: [filler])
        let outcomes = await withTaskGroup(of: ([String], Int).self) { group in
            for _ in 0..<16 {
                group.addTask {
                    var created: [String] = []
                    var failed = 0
                    for _ in 0..<100 {
                        do {
                            created.append(try await store.create(new, adapterID: adapterID).uniqueIdentifier)
                        } catch {
                            failed += 1
                        }
                    }
                    return (created, failed)
                }
            }
            var all: ([String], Int) = ([], 0)
            for await (created, failed) in group {
                all.0 += created
                all.1 += failed
            }
            return all
        }
        let (acknowledged, failures) = outcomes
        #expect(failures > 0, "the disk never filled up; make the filesystem smaller")
        #expect(acknowledged.count > 0)
        store.close()
        // A fresh process's view: reopen read-only on the same files.
        let reopened = try SQLiteStore.open(location)
        defer { reopened.close() }
        let summaries = try reopened.objectSummaries(adapterID: adapterID)
        #expect(Set(summaries.map(\.uniqueIdentifier)) == Set(acknowledged))
        for uid in acknowledged.prefix(50) {
            _ = try reopened.key(uid, adapterID: adapterID)
        }
    }
}
