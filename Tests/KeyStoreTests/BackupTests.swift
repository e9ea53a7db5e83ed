import Foundation
import KMIP
import Synchronization
import TestSupport
import Testing

@testable import KeyStore

/// Online backups: taken while keys are being created, they restore every key acknowledged
/// before the backup started, with its material; a changed byte is refused; restore refuses a
/// store that holds anything unless told to replace it.
@Suite("Backups")
struct BackupTests {
    /// Keys acknowledged so far, identifier → material, shared by the creating tasks.
    private final class Acknowledged: Sendable {
        let keys = Mutex<[String: [UInt8]]>([:])
        let stop = Atomic<Bool>(false)
    }

    @Test func aBackupDuringCreatesRestoresEveryKeyAcknowledgedBeforeItStarted() async throws {
        let fixture = try await StoreFixture.make()
        for index in 0..<50 { try await fixture.createKey(name: "before-\(index)") }
        let acknowledged = Acknowledged()
        let backupFile = fixture.directory.file("store.kmipgw-backup")

        let (before, header) = try await withThrowingTaskGroup(of: Void.self) { group in
            for writer in 0..<8 {
                group.addTask {
                    var index = 0
                    while !acknowledged.stop.load(ordering: .relaxed) {
                        let material = (0..<32).map { _ in UInt8.random(in: 0...255) }
                        let object = try await fixture.createKey(name: "load-\(writer)-\(index)", material: material)
                        acknowledged.keys.withLock { $0[object.uniqueIdentifier] = material }
                        index += 1
                    }
                }
            }
            // Until the load is well under way: a fixed pause proves nothing on a starved machine.
            let deadline = ContinuousClock.now + .seconds(60)
            while acknowledged.keys.withLock({ $0.count }) < 40 && ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(20))
            }
            // Every create acknowledged by now committed before the snapshot's read begins.
            let before = acknowledged.keys.withLock { $0 }
            let header = try StoreBackup.create(from: fixture.location, to: backupFile, now: 1_800_000_000)
            let after = acknowledged.keys.withLock { $0.count }
            while acknowledged.keys.withLock({ $0.count }) < after + 10 && ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(20))
            }
            acknowledged.stop.store(true, ordering: .relaxed)
            try await group.waitForAll()
            return (before, header)
        }
        #expect(before.count >= 40, "the load acknowledged too few creates to prove anything")
        #expect(header.counts.objects >= 50 + before.count)
        #expect(header.counts.adapters == 2)
        #expect(header.schemaVersion == Schema.version)

        let verification = try StoreBackup.verify(backupFile, masterKeyFile: fixture.location.masterKeyFile)
        #expect(verification.unsealedObjects == header.counts.objects)

        // A fresh state directory with the same master key, then the restore.
        let target = StoreLocation(
            directory: fixture.directory.file("restored"), masterKeyFile: fixture.location.masterKeyFile)
        _ = try StateInitializer(location: target).run(hostName: "test-host")
        _ = try StoreBackup.restore(backupFile, into: target, replacing: false)
        let restored = try SQLiteStore.open(target)
        defer { restored.close() }
        for (identifier, material) in before {
            let key = try restored.key(identifier, adapterID: fixture.adapterID)
            #expect(key.material == material, "key \(identifier) came back with other material")
        }
        #expect(try restored.configuration().adapters.map(\.name).sorted() == ["other", "vc"])
    }

    @Test func aChangedByteAnywhereIsRefusedByVerifyAndRestore() async throws {
        let fixture = try await StoreFixture.make()
        for index in 0..<20 { try await fixture.createKey(name: "k-\(index)") }
        let backupFile = fixture.directory.file("b.kmipgw-backup")
        _ = try StoreBackup.create(from: fixture.location, to: backupFile, now: 1_800_000_000)
        let original = try Data(contentsOf: URL(fileURLWithPath: backupFile))
        let target = StoreLocation(
            directory: fixture.directory.file("target"), masterKeyFile: fixture.location.masterKeyFile)
        _ = try StateInitializer(location: target).run(hostName: "test-host")

        // The header, the middle of the database, and the last database byte.
        for position in [20, original.count / 2, original.count - 73] {
            var corrupted = original
            corrupted[position] ^= 0x01
            try corrupted.write(to: URL(fileURLWithPath: backupFile))
            #expect(throws: BackupError(.checksumMismatch, "")) {
                _ = try StoreBackup.verify(backupFile, masterKeyFile: fixture.location.masterKeyFile)
            }
            #expect(throws: BackupError(.checksumMismatch, "")) {
                _ = try StoreBackup.restore(backupFile, into: target, replacing: true)
            }
        }
        // The target was left as it was: initialised and empty.
        let untouched = try SQLiteStore.open(target)
        #expect(try untouched.configuration().instances.isEmpty)
        untouched.close()

        try Data("not a backup\n".utf8).write(to: URL(fileURLWithPath: backupFile))
        #expect(throws: BackupError(.malformed, "")) {
            _ = try StoreBackup.verify(backupFile, masterKeyFile: fixture.location.masterKeyFile)
        }
    }

    @Test func restoreRefusesAStoreThatHoldsAnythingUnlessReplacingAndAnotherMasterKey() async throws {
        let fixture = try await StoreFixture.make()
        let kept = try await fixture.createKey(name: "kept")
        let backupFile = fixture.directory.file("b.kmipgw-backup")
        _ = try StoreBackup.create(from: fixture.location, to: backupFile, now: 1_800_000_000)
        try await fixture.createKey(name: "after-the-backup")

        #expect(throws: BackupError(.targetNotEmpty, "")) {
            _ = try StoreBackup.restore(backupFile, into: fixture.location, replacing: false)
        }
        fixture.store.close()
        _ = try StoreBackup.restore(backupFile, into: fixture.location, replacing: true)
        let restored = try SQLiteStore.open(fixture.location)
        defer { restored.close() }
        #expect(try restored.key(kept.uniqueIdentifier, adapterID: fixture.adapterID).material?.count == 32)
        #expect(try restored.locate(LocateQuery(matching: [Attribute(.name, Name("after-the-backup"))]), adapterID: fixture.adapterID).isEmpty)

        // A state directory with another master key cannot open the backup, and keeps its store.
        let stranger = StoreLocation(directory: fixture.directory.file("stranger"))
        _ = try StateInitializer(location: stranger).run(hostName: "test-host")
        #expect(throws: BackupError(.store, "")) {
            _ = try StoreBackup.restore(backupFile, into: stranger, replacing: true)
        }
        let strangerStore = try SQLiteStore.open(stranger)
        #expect(try strangerStore.configuration().instances.isEmpty)
        strangerStore.close()
    }

    @Test func theBackupHoldsNoMasterKeyAndNoClearMaterial() async throws {
        let fixture = try await StoreFixture.make()
        let material = (0..<32).map { UInt8($0) &* 7 &+ 3 }
        try await fixture.createKey(name: "secret-name-in-backup", material: material)
        let backupFile = fixture.directory.file("b.kmipgw-backup")
        _ = try StoreBackup.create(from: fixture.location, to: backupFile, now: 1_800_000_000)
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: backupFile)))
        let masterKey = [UInt8](try Data(contentsOf: URL(fileURLWithPath: fixture.location.masterKeyFile)))
        #expect(!bytes.contains(subsequence: material))
        #expect(!bytes.contains(subsequence: Array(masterKey.prefix(16))))
        #expect(!bytes.contains(subsequence: Array("secret-name-in-backup".utf8)))
        let mode = try FileManager.default.attributesOfItem(atPath: backupFile)[.posixPermissions] as? NSNumber
        #expect(mode?.intValue == 0o600)
    }
}

extension Array where Element == UInt8 {
    fileprivate func contains(subsequence: [UInt8]) -> Bool {
        guard !subsequence.isEmpty, subsequence.count <= count else { return false }
        return (0...(count - subsequence.count)).contains { self[$0..<($0 + subsequence.count)].elementsEqual(subsequence) }
    }
}
