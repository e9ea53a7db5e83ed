import Foundation
import KeyStore
import Testing
import TestSupport
@testable import Reconciler

/// An apply is one transaction: a failure in the middle leaves the store exactly as before.
@Suite struct AtomicityTests {
    @Test func failureMidApplyLeavesTheStoreExactlyAsBefore() async throws {
        let harness = try StoreHarness()
        let (a, contested) = (try clientCertificate("a"), try clientCertificate("contested"))
        try await harness.apply(
            YAMLText.document(adapters: [YAMLText.adapter("vc-a", certificates: [YAMLText.certificate("cert-a", pem: a.pem)])]))

        // Planned against generation 1: creates a root key, an adapter, updates nothing else,
        // and adds `contested` to the new adapter last.
        let plan = try harness.plan(
            YAMLText.document(
                rootKeys: ["root", "second"],
                adapters: [
                    YAMLText.adapter("vc-a", certificates: [YAMLText.certificate("cert-a", pem: a.pem)]),
                    YAMLText.adapter(
                        "vc-b", rootKey: "second",
                        certificates: [
                            YAMLText.certificate("first", pem: try clientCertificate("first").pem),
                            YAMLText.certificate("zz-contested", pem: contested.pem),
                        ]),
                ]))
        #expect(plan.lines.count == 4)
        let changes = plan.configurationChanges
        guard case .addCertificate(_, _, "zz-contested", _) = changes.last else {
            Issue.record("the contested certificate should be the last operation: \(changes.count)")
            return
        }

        // Meanwhile another apply binds that certificate to vc-a: the fingerprint is unique in the store.
        _ = try await harness.store.apply([
            .addCertificate(
                instance: "prod", adapter: "vc-a", name: "taken", certificate: ParsedCertificate(derEncoded: contested.der))
        ])
        let before = try harness.store.configuration()
        let countsBefore = try harness.store.objectCounts()

        // The applier refuses the stale plan before it changes anything.
        await #expect(throws: ReconcileError.storeChanged("")) {
            try await Applier(store: harness.store).apply(plan)
        }
        // The store's own all-or-nothing: the stale changes run createRootKey, createAdapter and
        // one addCertificate before failing on the contested fingerprint.
        do {
            _ = try await harness.store.apply(changes)
            Issue.record("the contested certificate was accepted twice")
        } catch let error as KeyStoreError {
            #expect(error.code == .duplicateFingerprint)
            #expect(error.reason.contains("zz-contested"))
        }
        let after = try harness.store.configuration()
        #expect(after == before)
        #expect(after.generation == before.generation)
        #expect(try harness.store.objectCounts() == countsBefore)
        #expect(after.rootKeys.map(\.name) == ["root"])

        // Re-planning against the current store sees the certificate under vc-a and moves it.
        let fresh = try Planner().plan(try harness.desired(harness.lastYAML), against: harness.store)
        #expect(fresh.changes.contains { $0.reason == .moved && $0.address == "prod/vc-a/taken" })
        try await Applier(store: harness.store).apply(fresh)
        #expect(try harness.store.binding(forCertificateFingerprint: contested.fingerprint)?.adapter.name == "vc-b")
    }
}
