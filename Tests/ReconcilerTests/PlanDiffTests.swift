import Foundation
import KeyStore
import Testing
import TestSupport
@testable import Reconciler

/// Every kind of difference the planner reports, and the order it reports them in.
@Suite struct PlanDiffTests {
    @Test func emptyStorePlansCreatingEverythingInStableOrder() throws {
        let harness = try StoreHarness()
        let (a, b) = (try clientCertificate("a"), try clientCertificate("b"))
        let yaml = YAMLText.document(
            rootKeys: ["root", "archive"],
            adapters: [
                YAMLText.adapter("vc-02", certificates: [YAMLText.certificate("z-client", pem: a.pem)]),
                YAMLText.adapter("vc-01", rootKey: "archive", certificates: [YAMLText.certificate("client", pem: b.pem)]),
            ])
        let plan = try harness.plan(yaml)
        #expect(
            plan.lines == [
                "+ instance prod", "+ root key prod/archive", "+ root key prod/root", "+ adapter prod/vc-01",
                "+ certificate prod/vc-01/client", "+ adapter prod/vc-02", "+ certificate prod/vc-02/z-client",
            ])
        #expect(plan.summary == "Plan: 7 to add, 0 to change, 0 to delete.")
        #expect(plan.text.hasSuffix("Plan: 7 to add, 0 to change, 0 to delete.\n"))
        #expect(plan.text.contains("fingerprint: sha256:\(b.fingerprint)"))
        #expect(plan.text.contains("subject:     CN=b"))
        #expect(try harness.plan(yaml) == plan, "the same inputs give the same plan")
    }

    @Test func descriptionChangeIsAnUpdateWithOldAndNew() async throws {
        let harness = try StoreHarness()
        let certificate = try clientCertificate("vc")
        func yaml(_ description: String) -> String {
            YAMLText.document(adapters: [
                "      - name: vc\n        description: \(description)\n        rootKey: root\n        certificates:\n"
                    + YAMLText.certificate("client", pem: certificate.pem)
            ])
        }
        try await harness.apply(yaml("Old text"))
        let plan = try harness.plan(yaml("New text"))
        #expect(plan.lines == ["~ adapter prod/vc"])
        #expect(plan.changes[0].fields == [PlanFieldChange(field: "description", old: "Old text", new: "New text")])
        #expect(plan.text.contains("~ adapter prod/vc\n      description: \"Old text\" -> \"New text\"\n"))
        #expect(plan.summary == "Plan: 0 to add, 1 to change, 0 to delete.")
        try await Applier(store: harness.store).apply(plan)
        #expect(try harness.store.configuration().adapters[0].description == "New text")
    }

    @Test func renamedCertificateIsAnUpdateKeepingItsFingerprint() async throws {
        let harness = try StoreHarness()
        let certificate = try clientCertificate("vc")
        try await harness.apply(
            YAMLText.document(adapters: [YAMLText.adapter("vc", certificates: [YAMLText.certificate("old-name", pem: certificate.pem)])]))
        let renamed = YAMLText.document(adapters: [
            YAMLText.adapter("vc", certificates: [YAMLText.certificate("new-name", pem: certificate.pem)])
        ])
        let plan = try harness.plan(renamed)
        #expect(plan.lines == ["~ certificate prod/vc/new-name"])
        #expect(plan.changes[0].fields == [PlanFieldChange(field: "name", old: "old-name", new: "new-name")])
        try await Applier(store: harness.store).apply(plan)
        let stored = try harness.store.configuration().certificates
        #expect(stored.map(\.name) == ["new-name"])
        #expect(stored.map(\.fingerprint) == [certificate.fingerprint])
        #expect(try harness.plan(renamed).isEmpty)
    }

    @Test func changedPEMIsADeletePlusACreateEvenWithoutPrune() async throws {
        let harness = try StoreHarness()
        let (old, new) = (try clientCertificate("old"), try clientCertificate("new"))
        try await harness.apply(
            YAMLText.document(adapters: [YAMLText.adapter("vc", certificates: [YAMLText.certificate("client", pem: old.pem)])]))
        let plan = try harness.plan(
            YAMLText.document(adapters: [YAMLText.adapter("vc", certificates: [YAMLText.certificate("client", pem: new.pem)])]))
        #expect(plan.lines == ["- certificate prod/vc/client", "+ certificate prod/vc/client"])
        #expect(plan.changes[0].reason == .replaced)
        #expect(plan.changes[0].certificate?.fingerprint == old.fingerprint)
        #expect(plan.changes[1].certificate?.fingerprint == new.fingerprint)
        #expect(plan.summary == "Plan: 1 to add, 0 to change, 1 to delete.")
        #expect(plan.refusals.isEmpty)
        try await Applier(store: harness.store).apply(plan)
        #expect(try harness.store.configuration().certificates.map(\.fingerprint) == [new.fingerprint])
    }

    @Test func certificateMovedToAnotherAdapterIsRemovedThenAdded() async throws {
        let harness = try StoreHarness()
        let (moving, staying) = (try clientCertificate("moving"), try clientCertificate("staying"))
        try await harness.apply(
            YAMLText.document(adapters: [
                YAMLText.adapter(
                    "vc-a",
                    certificates: [
                        YAMLText.certificate("moving", pem: moving.pem), YAMLText.certificate("staying", pem: staying.pem),
                    ])
            ]))
        let moved = YAMLText.document(adapters: [
            YAMLText.adapter("vc-a", certificates: [YAMLText.certificate("staying", pem: staying.pem)]),
            YAMLText.adapter("vc-b", certificates: [YAMLText.certificate("arrived", pem: moving.pem)]),
        ])
        let plan = try harness.plan(moved)
        #expect(
            plan.lines == ["- certificate prod/vc-a/moving", "+ adapter prod/vc-b", "+ certificate prod/vc-b/arrived"])
        #expect(plan.changes[0].reason == .moved)
        #expect(plan.text.contains("(moved to adapter prod/vc-b)"))
        // The fingerprint is unique in the store: this only works because removal runs first.
        try await Applier(store: harness.store).apply(plan)
        let binding = try #require(try harness.store.binding(forCertificateFingerprint: moving.fingerprint))
        #expect(binding.adapter.name == "vc-b")
        #expect(try harness.plan(moved).isEmpty)
    }

    @Test func whatTheFilesNoLongerNameIsKeptWithoutPrune() async throws {
        let harness = try StoreHarness()
        let (a, b) = (try clientCertificate("a"), try clientCertificate("b"))
        try await harness.apply(
            YAMLText.document(
                rootKeys: ["root", "spare"],
                adapters: [
                    YAMLText.adapter(
                        "vc", certificates: [YAMLText.certificate("cert-a", pem: a.pem), YAMLText.certificate("cert-b", pem: b.pem)]),
                    YAMLText.adapter("legacy", certificates: []),
                ]))
        try await harness.createKey(adapter: "legacy")
        let plan = try harness.plan(
            YAMLText.document(adapters: [YAMLText.adapter("vc", certificates: [YAMLText.certificate("cert-a", pem: a.pem)])]))
        #expect(plan.isEmpty)
        #expect(plan.kept.map(\.address) == ["prod/spare", "prod/legacy", "prod/vc/cert-b"])
        #expect(plan.text.contains("Not in the files (kept; --prune would delete):\n    root key prod/spare\n"))
        #expect(plan.text.contains("    adapter prod/legacy (1 KMIP key)\n"))
        #expect(plan.summary == "Plan: 0 to add, 0 to change, 0 to delete.")
    }

    @Test func instanceMissingFromTheFilesIsKeptWithoutPrune() async throws {
        let harness = try StoreHarness()
        let (a, b) = (try clientCertificate("a"), try clientCertificate("b"))
        let prod = YAMLText.document(adapters: [YAMLText.adapter("vc", certificates: [YAMLText.certificate("cert-a", pem: a.pem)])])
        let old = YAMLText.document(
            instance: "old", adapters: [YAMLText.adapter("vc", certificates: [YAMLText.certificate("cert-b", pem: b.pem)])])
        try await harness.apply(prod + "---\n" + old)
        let plan = try harness.plan(prod)
        #expect(plan.isEmpty)
        #expect(plan.kept.map(\.address) == ["old"])
        #expect(plan.kept.map(\.kind) == [.instance])
    }
}
