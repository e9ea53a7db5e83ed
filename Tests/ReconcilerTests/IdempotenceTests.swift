import Foundation
import KeyStore
import Testing
@testable import Reconciler

/// Applying the same files twice: the second plan is empty and the second apply changes nothing.
@Suite struct IdempotenceTests {
    @Test(arguments: ["examples/quickstart", "examples/multi-cluster"])
    func applyingTwiceGivesAnEmptyPlan(_ example: String) async throws {
        let harness = try StoreHarness()
        let report = ConfigurationLoader().validate(paths: [PackageRoot.appending(example)])
        let desired = try #require(report.desiredState)
        let first = try await Applier(store: harness.store).apply(Planner().plan(desired, against: harness.store))
        #expect(!first.plan.isEmpty)
        #expect(first.generation == 1, "one apply is one transaction: the generation rises once")

        let second = try Planner().plan(desired, against: harness.store)
        #expect(second.isEmpty, "\(second.text)")
        #expect(second.kept.isEmpty)
        #expect(second.summary == "Plan: 0 to add, 0 to change, 0 to delete.")
        let outcome = try await Applier(store: harness.store).apply(second)
        #expect(outcome.generation == first.generation, "an empty plan does not touch the store")
        #expect(try harness.store.generation() == first.generation)

        let withPrune = try Planner(options: PlanOptions(prune: true)).plan(desired, against: harness.store)
        #expect(withPrune.isEmpty, "nothing to prune right after an apply")
    }

    @Test func everyDesiredThingIsInTheStoreAfterApply() async throws {
        let harness = try StoreHarness()
        let desired = try #require(
            ConfigurationLoader().validate(paths: [PackageRoot.appending("examples/multi-cluster")]).desiredState)
        try await Applier(store: harness.store).apply(Planner().plan(desired, against: harness.store))
        let stored = try harness.store.configuration()
        #expect(stored.instances.map(\.name) == desired.instances.map(\.name))
        let desiredCertificates = Set(desired.certificatesByFingerprint.keys)
        #expect(Set(stored.certificates.map(\.fingerprint)) == desiredCertificates)
        for instance in desired.instances {
            for adapter in instance.adapters {
                let record = try #require(stored.adapters.first { $0.instance == instance.name && $0.name == adapter.name })
                #expect(record.description == adapter.description)
                #expect(record.rootKey == adapter.rootKey)
            }
        }
    }
}
