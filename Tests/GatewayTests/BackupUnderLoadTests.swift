import Foundation
import KMIP
import KMIPClient
import KeyStore
import NIOConcurrencyHelpers
import TestSupport
import Testing

/// `kmipgw backup` while the gateway serves a Create load over mutual TLS, then `kmipgw init` and
/// `kmipgw restore` into a fresh state directory: every key whose Create was acknowledged before
/// the backup started is there, with the material the server handed out.
@Suite struct BackupUnderLoadTests {
    @Test func aBackupTakenUnderLoadRestoresEveryAcknowledgedKey() async throws {
        let stack = try await GatewayStackTests.Stack.make()
        let state = stack.directory.file("state")
        let backupFile = stack.directory.file("under-load.kmipgw-backup")
        let created = NIOLockedValueBox<[String: [UInt8]]>([:])
        let stop = NIOLockedValueBox(false)
        let snapshot = NIOLockedValueBox<[String: [UInt8]]>([:])
        try await stack.run { port in
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<4 {
                    group.addTask {
                        try await stack.client(stack.alice, port: port).withConnection { connection in
                            while !stop.withLockedValue({ $0 }) {
                                let id = try await connection.createSymmetricKey(length: 256)
                                guard case .symmetricKey(let key) = try await connection.get(id).object,
                                    let bytes = key.keyBlock.keyValue.keyBytes
                                else { throw CancellationError() }
                                created.withLockedValue { $0[id] = bytes }
                            }
                        }
                    }
                }
                // Until the load is well under way: a fixed pause proves nothing on a starved machine.
                let deadline = ContinuousClock.now + .seconds(60)
                while created.withLockedValue({ $0.count }) < 20 && ContinuousClock.now < deadline {
                    try await Task.sleep(for: .milliseconds(50))
                }
                // Every Create answered by now committed before the backup's snapshot begins.
                snapshot.withLockedValue { $0 = created.withLockedValue { $0 } }
                let backup = try await KmipgwExecutable.run(["backup", "--state", state, "--out", backupFile])
                #expect(backup.status == 0, "\(backup.stderr)")
                #expect(backup.stdout.contains("objects"))
                // And some creates after the backup, which the restored store need not hold.
                let after = created.withLockedValue { $0.count }
                while created.withLockedValue({ $0.count }) < after + 5 && ContinuousClock.now < deadline {
                    try await Task.sleep(for: .milliseconds(50))
                }
                stop.withLockedValue { $0 = true }
                try await group.waitForAll()
            }
        }
        stack.store.close()
        let before = snapshot.withLockedValue { $0 }
        #expect(before.count >= 20, "the load acknowledged too few creates to prove anything")

        let masterKey = StoreLocation(directory: state).masterKeyFile
        let verify = try await KmipgwExecutable.run(["backup", "verify", backupFile, "--master-key-file", masterKey])
        #expect(verify.status == 0, "\(verify.stderr)")
        let target = stack.directory.file("restored")
        let initialise = try await KmipgwExecutable.run(["init", "--state", target, "--master-key-file", masterKey])
        #expect(initialise.status == 0, "\(initialise.stderr)")
        let restore = try await KmipgwExecutable.run(["restore", backupFile, "--state", target, "--master-key-file", masterKey])
        #expect(restore.status == 0, "\(restore.stderr)")
        // A second restore into the now non-empty store is refused and changes nothing.
        let again = try await KmipgwExecutable.run(["restore", backupFile, "--state", target, "--master-key-file", masterKey])
        #expect(again.status == 1)
        #expect(again.stderr.contains("--replace"))

        let restored = try SQLiteStore.open(StoreLocation(directory: target, masterKeyFile: masterKey))
        defer { restored.close() }
        let adapter = try #require(try restored.configuration().adapters.first { $0.name == "alice-vc" })
        for (identifier, material) in before {
            #expect(try restored.key(identifier, adapterID: adapter.id).material == material)
        }
    }
}
