import Foundation
import KeyStore
import Testing
import TestSupport
@testable import Reconciler

/// `--prune` deletes only with the flag; destroying root keys or adapters with KMIP keys also
/// needs `--allow-destroy`, and the plan spells out the consequence.
@Suite struct PruneTests {
    let a: TestCertificates.Issued
    let b: TestCertificates.Issued

    init() throws {
        (a, b) = (try clientCertificate("a"), try clientCertificate("b"))
    }

    /// `prod` with root keys `root` and `old-root`, adapter `vc` (certificate a) on `root`, and
    /// adapter `legacy` (certificate b) on `old-root`.
    var full: String {
        YAMLText.document(
            rootKeys: ["root", "old-root"],
            adapters: [
                YAMLText.adapter("vc", certificates: [YAMLText.certificate("cert-a", pem: a.pem)]),
                YAMLText.adapter("legacy", rootKey: "old-root", certificates: [YAMLText.certificate("cert-b", pem: b.pem)]),
            ])
    }

    /// Only `vc` and `root`.
    var reduced: String {
        YAMLText.document(adapters: [YAMLText.adapter("vc", certificates: [YAMLText.certificate("cert-a", pem: a.pem)])])
    }

    @Test func pruningACertificateNeedsOnlyPrune() async throws {
        let harness = try StoreHarness()
        try await harness.apply(
            YAMLText.document(adapters: [
                YAMLText.adapter("vc", certificates: [YAMLText.certificate("cert-a", pem: a.pem), YAMLText.certificate("cert-b", pem: b.pem)])
            ]))
        #expect(try harness.plan(reduced).isEmpty)
        let plan = try harness.plan(reduced, prune: true)
        #expect(plan.lines == ["- certificate prod/vc/cert-b"])
        #expect(plan.changes[0].reason == .notInFiles)
        #expect(plan.refusals.isEmpty)
        try await Applier(store: harness.store).apply(plan)
        #expect(try harness.store.configuration().certificates.map(\.name) == ["cert-a"])
    }

    @Test func pruningAnAdapterWithoutKeysNeedsOnlyPrune() async throws {
        let harness = try StoreHarness()
        try await harness.apply(
            YAMLText.document(adapters: [
                YAMLText.adapter("vc", certificates: [YAMLText.certificate("cert-a", pem: a.pem)]),
                YAMLText.adapter("legacy", certificates: [YAMLText.certificate("cert-b", pem: b.pem)]),
            ]))
        let plan = try harness.plan(reduced, prune: true)
        #expect(plan.lines == ["- adapter prod/legacy", "- certificate prod/legacy/cert-b"])
        #expect(plan.changes[0].consequence == "deleting adapter legacy of instance prod deletes its 1 certificate and 0 KMIP keys")
        #expect(plan.refusals.isEmpty)
        let outcome = try await Applier(store: harness.store).apply(plan)
        #expect(outcome.deletedObjects == 0)
        #expect(try harness.store.configuration().adapters.map(\.name) == ["vc"])
    }

    @Test func destroyingARootKeyAndAnAdapterWithKeysIsRefusedWithoutAllowDestroy() async throws {
        let harness = try StoreHarness()
        try await harness.apply(full)
        for _ in 0..<3 { try await harness.createKey(adapter: "legacy") }
        let before = try harness.store.configuration()

        let plan = try harness.plan(reduced, prune: true)
        #expect(plan.lines == ["- root key prod/old-root", "- adapter prod/legacy", "- certificate prod/legacy/cert-b"])
        let rootKey = plan.changes[0]
        #expect(rootKey.consequence == "destroying root key old-root of instance prod makes 3 KMIP keys of adapter legacy unusable")
        #expect(rootKey.needsAllowDestroy)
        #expect(plan.changes[1].consequence == "deleting adapter legacy of instance prod deletes its 1 certificate and 3 KMIP keys")
        #expect(plan.refusals.map(\.address) == ["prod/old-root", "prod/legacy"])
        #expect(plan.text.contains("      ! needs --allow-destroy\n"))
        #expect(plan.text.contains("re-run with --allow-destroy"))

        await #expect(throws: ReconcileError.destroyNotAllowed([])) {
            try await Applier(store: harness.store).apply(plan)
        }
        do {
            _ = try await Applier(store: harness.store).apply(plan)
        } catch {
            #expect(error.reason.contains("--allow-destroy"))
            #expect(error.reason.contains("root key prod/old-root"))
        }
        #expect(try harness.store.configuration() == before, "a refused apply changes nothing")

        let allowed = try harness.plan(reduced, prune: true, allowDestroy: true)
        #expect(allowed.refusals.isEmpty)
        #expect(!allowed.text.contains("needs --allow-destroy"))
        let outcome = try await Applier(store: harness.store).apply(allowed)
        #expect(outcome.deletedObjects == 3)
        let after = try harness.store.configuration()
        #expect(after.rootKeys.map(\.name) == ["root"])
        #expect(after.adapters.map(\.name) == ["vc"])
        #expect(try harness.plan(reduced, prune: true).isEmpty)
    }

    @Test func rootKeyConsequenceNamesEveryAdapterItStrands() async throws {
        let harness = try StoreHarness()
        try await harness.apply(full)
        for _ in 0..<1_204 { try await harness.createKey(adapter: "legacy") }
        // `legacy` moves to `root`; keys created before stay sealed under old-root.
        let moved = YAMLText.document(adapters: [
            YAMLText.adapter("vc", certificates: [YAMLText.certificate("cert-a", pem: a.pem)]),
            YAMLText.adapter("legacy", certificates: [YAMLText.certificate("cert-b", pem: b.pem)]),
        ])
        let plan = try harness.plan(moved, prune: true)
        #expect(plan.lines == ["- root key prod/old-root", "~ adapter prod/legacy"])
        #expect(
            plan.changes[0].consequence
                == "destroying root key old-root of instance prod makes 1,204 KMIP keys of adapter legacy unusable")
        #expect(plan.changes[0].affectedObjects == 1_204)
        await #expect(throws: ReconcileError.destroyNotAllowed([])) {
            try await Applier(store: harness.store).apply(plan)
        }
        let outcome = try await Applier(store: harness.store).apply(harness.plan(moved, prune: true, allowDestroy: true))
        #expect(outcome.deletedObjects == 1_204)
        #expect(try harness.store.configuration().adapters.first { $0.name == "legacy" }?.rootKey == "root")
    }

    @Test func pruningAnInstanceDeletesEverythingInIt() async throws {
        let harness = try StoreHarness()
        let other = YAMLText.document(
            instance: "lab", adapters: [YAMLText.adapter("vc", certificates: [YAMLText.certificate("cert-b", pem: b.pem)])])
        try await harness.apply(reduced + "---\n" + other)
        try await harness.createKey(adapter: "vc", name: nil, material: nil)
        let plan = try harness.plan(reduced, prune: true)
        #expect(plan.lines == ["- instance lab", "- root key lab/root", "- adapter lab/vc", "- certificate lab/vc/cert-b"])
        #expect(plan.changes[0].consequence == "deleting instance lab deletes its 1 root key, 1 adapter, 1 certificate and 0 KMIP keys")
        #expect(plan.summary == "Plan: 0 to add, 0 to change, 4 to delete.")
        #expect(plan.refusals.map(\.address) == ["lab", "lab/root"])
        try await Applier(store: harness.store).apply(harness.plan(reduced, prune: true, allowDestroy: true))
        let after = try harness.store.configuration()
        #expect(after.instances.map(\.name) == ["prod"])
        #expect(try harness.store.objectCounts().byAdapter[QualifiedName(instance: "prod", name: "vc")] == 1)
    }
}
