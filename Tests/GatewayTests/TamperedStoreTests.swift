import Foundation
import Gateway
import KMIP
import KMIPClient
@testable import KeyStore
import Logging
import TestSupport
import Testing

/// The review's finding over the whole stack: one `certificates` row written into the database
/// file (copying a registered row's tag) and a raised generation gave an outsider every key of
/// the adapter after the next reload. Now the reload refuses the configuration, keeps the one it
/// had, logs tampering, and the outsider never gets a KMIP answer.
@Suite struct TamperedStoreTests {
    @Test func anInsertedCertificateRowIsRefusedAtReloadAndTheOutsiderGetsNoAnswer() async throws {
        let stack = try await GatewayStackTests.Stack.make()
        let outsider = try TestCertificates.selfSigned(commonName: "outsider")
        let log = CapturingLogHandler.Store()
        let reload = ReloadService(store: stack.store, server: stack.server, logger: log.logger())
        try await stack.run { port in
            let id = try await stack.client(stack.alice, port: port).withConnection {
                try await $0.createSymmetricKey(name: "alice-secret")
            }
            let generation = try stack.store.generation()
            let hex = outsider.der.map { String(format: "%02x", $0) }.joined()
            let database = try SQLiteDatabase(
                path: StoreLocation(directory: stack.directory.file("state")).databaseFile, create: false)
            try database.execute(
                """
                INSERT INTO certificates (adapter_id, name, fingerprint, subject, not_before, not_after, der, created_at, mac)
                SELECT adapter_id, 'outsider', '\(outsider.fingerprint)', 'CN=outsider', not_before, not_after, x'\(hex)',
                    created_at, mac FROM certificates WHERE name = 'alice';
                UPDATE generation SET value = value + 1;
                """)
            #expect(reload.reload(after: generation) == generation)
            #expect(log.events("reload").first?.message.contains("keeping the previous configuration") == true)
            do {
                _ = try await stack.client(outsider, port: port).withConnection { try await $0.get(id) }
                Issue.record("the outsider got an answer")
            } catch {}
            // Registered clients are unaffected.
            try await stack.client(stack.alice, port: port).withConnection { _ = try await $0.get(id) }
        }
    }
}
