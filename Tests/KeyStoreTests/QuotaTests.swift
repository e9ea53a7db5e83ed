import Foundation
import KMIP
import Testing
import TestSupport

@testable import KeyStore

/// An adapter's object quota is counted in the creating transaction, so concurrent creates and
/// several processes cannot pass it, and a refused create costs nothing.
@Suite("Adapter quotas")
struct QuotaTests {
    @Test func createsPastTheObjectQuotaAreRefusedAndCostNothing() async throws {
        let fixture = try await StoreFixture.make()
        _ = try await fixture.store.apply([
            .updateAdapter(
                instance: "prod", name: "vc", description: "vCenter", rootKey: "root",
                limits: AdapterLimits(maximumObjects: 3))
        ])
        #expect(try fixture.store.configuration().adapters.first { $0.name == "vc" }?.limits.maximumObjects == 3)
        let outcomes = await withTaskGroup(of: Bool.self) { group in
            for _ in 0..<8 {
                group.addTask { (try? await fixture.createKey()) != nil }
            }
            return await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        #expect(outcomes.count { $0 } == 3)
        #expect(await errorCode { try await fixture.createKey() } == .quotaExceeded)
        #expect(try fixture.store.objectSummaries(adapterID: fixture.adapterID).count == 3)
        // The other adapter keeps its own (default) quota.
        try await fixture.createKey(adapterID: fixture.otherAdapterID)
        // Raising the quota lets creates through again: refused creates were not counted.
        _ = try await fixture.store.apply([
            .updateAdapter(
                instance: "prod", name: "vc", description: "vCenter", rootKey: "root",
                limits: AdapterLimits(maximumObjects: 4))
        ])
        try await fixture.createKey()
        #expect(await errorCode { try await fixture.createKey() } == .quotaExceeded)
    }

    @Test func shreddingARootKeyGivesItsObjectsBackToTheQuota() async throws {
        let fixture = try await StoreFixture.make()
        _ = try await fixture.store.apply([
            .createRootKey(instance: "prod", name: "spare"),
            .updateAdapter(
                instance: "prod", name: "vc", description: "vCenter", rootKey: "spare",
                limits: AdapterLimits(maximumObjects: 2)),
        ])
        try await fixture.createKey()
        try await fixture.createKey()
        #expect(await errorCode { try await fixture.createKey() } == .quotaExceeded)
        _ = try await fixture.store.apply([
            .updateAdapter(
                instance: "prod", name: "vc", description: "vCenter", rootKey: "root",
                limits: AdapterLimits(maximumObjects: 2)),
            .deleteRootKey(instance: "prod", name: "spare"),
        ])
        try await fixture.createKey()
        try await fixture.createKey()
        #expect(await errorCode { try await fixture.createKey() } == .quotaExceeded)
    }
}
