import Foundation
import KeyStore
import Testing
import TestSupport
@testable import Reconciler

/// What a plan promised is checked again inside the apply's transaction: the store may have
/// moved on between `plan` and `apply` (clients creating keys, another apply).
@Suite struct ApplyRaceTests {
    let a: TestCertificates.Issued
    let b: TestCertificates.Issued

    init() throws {
        (a, b) = (try clientCertificate("a"), try clientCertificate("b"))
    }

    var both: String {
        YAMLText.document(adapters: [
            YAMLText.adapter("vc", certificates: [YAMLText.certificate("cert-a", pem: a.pem)]),
            YAMLText.adapter("legacy", certificates: [YAMLText.certificate("cert-b", pem: b.pem)]),
        ])
    }

    var onlyVC: String {
        YAMLText.document(adapters: [YAMLText.adapter("vc", certificates: [YAMLText.certificate("cert-a", pem: a.pem)])])
    }

    /// The review's finding: the plan counts 0 keys, a client creates keys, and `--prune`
    /// without `--allow-destroy` deleted them.
    @Test func keysCreatedAfterThePlanAreNeverDeletedWithoutAllowDestroy() async throws {
        let harness = try StoreHarness()
        try await harness.apply(both)
        let plan = try harness.plan(onlyVC, prune: true)
        #expect(plan.refusals.isEmpty)
        let created = try await harness.createKey(adapter: "legacy")
        let before = try harness.store.configuration()
        let error = await #expect(throws: ReconcileError.self) { try await Applier(store: harness.store).apply(plan) }
        #expect(error?.code == .destroyNotAllowed)
        #expect(error?.reason.contains("adapter prod/legacy holds 1 KMIP key") == true, "\(error?.reason ?? "")")
        #expect(try harness.store.configuration() == before)
        _ = try harness.store.key(created.uniqueIdentifier, adapterID: try harness.adapterID("legacy"))
    }

    @Test func aPlanMadeBeforeAnotherApplyIsRefused() async throws {
        let harness = try StoreHarness()
        try await harness.apply(onlyVC)
        let first = try harness.plan(both)
        // Would apply cleanly on its own: only the generation tells that it is stale.
        let second = try harness.plan(
            YAMLText.document(rootKeys: ["root", "spare"], adapters: [
                YAMLText.adapter("vc", certificates: [YAMLText.certificate("cert-a", pem: a.pem)])
            ]))
        try await Applier(store: harness.store).apply(first)
        let before = try harness.store.configuration()
        let error = await #expect(throws: ReconcileError.self) { try await Applier(store: harness.store).apply(second) }
        #expect(error?.code == .storeChanged)
        #expect(error?.reason.contains("run plan again") == true)
        #expect(try harness.store.configuration() == before)
    }
}

/// `limits:` in the YAML: validated, planned as field changes, applied to the store.
@Suite struct AdapterLimitsConfigurationTests {
    @Test func limitsArePlannedAndApplied() async throws {
        let harness = try StoreHarness()
        let withLimits = YAMLText.document(adapters: [
            YAMLText.adapter("vc", certificates: []).replacingOccurrences(
                of: "        certificates: []\n",
                with: "        limits:\n          objects: 5000\n          attributeBytes: 1024\n        certificates: []\n")
        ])
        let created = try harness.plan(withLimits)
        let adapter = try #require(created.changes.first { $0.kind == .adapter })
        #expect(adapter.fields.map(\.field).contains("limits.objects"))
        try await Applier(store: harness.store).apply(created)
        let stored = try #require(try harness.store.configuration().adapters.first)
        #expect(stored.limits == AdapterLimits(maximumObjects: 5000, maximumAttributeBytes: 1024))
        #expect(try harness.plan(withLimits).isEmpty)
        let back = try harness.plan(YAMLText.document(adapters: [YAMLText.adapter("vc", certificates: [])]))
        #expect(back.changes.first?.fields.map(\.field) == ["limits.objects", "limits.attributeBytes"])
        #expect(back.changes.first?.fields.first?.new == "10000000")
    }
}
