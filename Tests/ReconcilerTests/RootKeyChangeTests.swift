import Foundation
import KeyStore
import Testing
import TestSupport
@testable import Reconciler

/// Changing an adapter's `rootKey` is an update that destroys nothing: the store keeps each KMIP
/// key sealed under the root key it was created with, so existing keys stay usable while that
/// root key exists, and only new keys use the new one. Destroying the old root key is a separate
/// change that needs `--prune --allow-destroy` (see `PruneTests`).
@Suite struct RootKeyChangeTests {
    @Test func rootKeyChangeKeepsExistingKeysUsable() async throws {
        let harness = try StoreHarness()
        let certificate = try clientCertificate("vc")
        func yaml(_ rootKey: String) -> String {
            YAMLText.document(
                rootKeys: ["root-a", "root-b"],
                adapters: [YAMLText.adapter("vc", rootKey: rootKey, certificates: [YAMLText.certificate("cert-c", pem: certificate.pem)])])
        }
        try await harness.apply(yaml("root-a"))
        let material: [UInt8] = Array(0..<32)
        let existing = try await harness.createKey(adapter: "vc", material: material)

        let plan = try harness.plan(yaml("root-b"))
        #expect(plan.lines == ["~ adapter prod/vc"])
        let change = plan.changes[0]
        #expect(change.fields == [PlanFieldChange(field: "rootKey", old: "root-a", new: "root-b")])
        #expect(!change.needsAllowDestroy)
        #expect(plan.refusals.isEmpty)
        #expect(
            change.consequence
                == "new KMIP keys of adapter vc are sealed under root key root-b; its 1 existing KMIP key stay sealed "
                + "under root key root-a and remain usable while root-a exists")
        #expect(plan.text.contains("rootKey: \"root-a\" -> \"root-b\""))

        try await Applier(store: harness.store).apply(plan)
        let adapterID = try harness.adapterID("vc")
        #expect(try harness.store.key(existing.uniqueIdentifier, adapterID: adapterID).material == material)
        try await harness.createKey(adapter: "vc")
        let counts = try harness.store.objectCounts()
        #expect(counts.byRootKey[QualifiedName(instance: "prod", name: "root-a")] == 1)
        #expect(counts.byRootKey[QualifiedName(instance: "prod", name: "root-b")] == 1)
        #expect(try harness.plan(yaml("root-b")).isEmpty)
    }

    @Test func adapterWhoseRootKeyWasDestroyedGetsTheNamedOneBack() async throws {
        let harness = try StoreHarness()
        let certificate = try clientCertificate("vc")
        let yaml = YAMLText.document(adapters: [YAMLText.adapter("vc", certificates: [YAMLText.certificate("cert-c", pem: certificate.pem)])])
        try await harness.apply(yaml)
        _ = try await harness.store.apply([.deleteRootKey(instance: "prod", name: "root")])
        let plan = try harness.plan(yaml)
        #expect(plan.lines == ["+ root key prod/root", "~ adapter prod/vc"])
        #expect(plan.changes[1].fields == [PlanFieldChange(field: "rootKey", old: nil, new: "root")])
        #expect(plan.text.contains("rootKey: (none) -> \"root\""))
        try await Applier(store: harness.store).apply(plan)
        #expect(try harness.plan(yaml).isEmpty)
    }
}
