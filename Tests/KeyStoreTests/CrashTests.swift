import Foundation
import KMIP
import Testing
import TestSupport

@testable import KeyStore

@Suite("Crash safety", .serialized)
struct CrashTests {
    @Test("SIGKILL at random moments, 50 times: the store opens, passes integrity_check, keeps every acknowledged key")
    func killedWriter() async throws {
        let fixture = try await StoreFixture.make()
        fixture.store.close()
        var acknowledged: [String: String] = [:]
        var kills = 0
        for round in 0..<50 {
            let (process, output) = try KmipgwExecutable.start(
                ["crash-writer", "--state", fixture.location.directory, "--instance", "prod", "--adapter", "vc", "--writers", "4"],
                executable: "StoreTestChild")
            // From "before the first create" to "well into a stream of group commits".
            let delay = UInt64.random(in: 20...(round % 5 == 0 ? 400 : 150))
            try await Task.sleep(nanoseconds: delay * 1_000_000)
            kill(process.processIdentifier, SIGKILL)
            let text = await KmipgwExecutable.finish(process, output)
            #expect(process.terminationReason == .uncaughtSignal)
            kills += 1
            for line in text.split(separator: "\n") {
                let parts = line.split(separator: " ")
                // A line cut by the kill was never complete, so it was never acknowledged to anyone.
                guard parts.count == 2, parts[1].count == 64 else { continue }
                acknowledged[String(parts[0])] = String(parts[1])
            }
            try verify(fixture, acknowledged)
        }
        #expect(kills == 50)
        #expect(acknowledged.count > 100, "the child acknowledged too few creates to prove anything")
    }

    private func verify(_ fixture: StoreFixture, _ acknowledged: [String: String]) throws {
        let database = try SQLiteDatabase(path: fixture.location.databaseFile, create: false)
        let check = try database.statement("PRAGMA integrity_check")
        _ = try check.step()
        #expect(check.string(0) == "ok")
        check.reset()
        let store = try SQLiteStore.open(fixture.location)
        defer { store.close() }
        for (uid, hex) in acknowledged {
            let key = try store.key(uid, adapterID: fixture.adapterID)
            #expect(key.material.map { $0.map { String(format: "%02x", $0) }.joined() } == hex)
        }
    }
}
