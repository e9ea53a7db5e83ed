import Foundation
import KMIP
import TTLV
import Testing
import TestSupport

@testable import KeyStore

@Suite("KMIP object lifecycle")
struct LifecycleTests {
    private func state(_ fixture: StoreFixture, _ key: StoredObject) throws -> StoredObject {
        try fixture.store.object(key.uniqueIdentifier, adapterID: fixture.adapterID)
    }

    @Test("create sets Initial Date and Last Change Date and starts Pre-Active")
    func created() async throws {
        let fixture = try await StoreFixture.make()
        let key = try state(fixture, try await fixture.createKey(name: "k"))
        #expect(key.state == .preActive)
        #expect(key.dates.initial == fixture.clock.now)
        #expect(key.dates.lastChange == fixture.clock.now)
        #expect(key.dates.activation == nil)
    }

    @Test("an Activation Date not in the future makes the object Active at once; a future one waits")
    func activationDateAtCreate() async throws {
        let fixture = try await StoreFixture.make()
        let now = fixture.clock.now
        let past = try await fixture.createKey(extra: [Attribute(name: .activationDate, value: .dateTime(now))])
        #expect(try state(fixture, past).state == .active)
        let future = try await fixture.createKey(extra: [Attribute(name: .activationDate, value: .dateTime(now + 60))])
        #expect(try state(fixture, future).state == .preActive)
        #expect(try fixture.store.locate(LocateQuery(states: [.active]), adapterID: fixture.adapterID) == [past.uniqueIdentifier])
        fixture.clock.advance(60)
        #expect(try state(fixture, future).state == .active)
        #expect(try fixture.store.locate(LocateQuery(states: [.active]), adapterID: fixture.adapterID).count == 2)
    }

    @Test("Pre-Active → Active → Deactivated → Destroyed, with each date; material deleted")
    func normalPath() async throws {
        let fixture = try await StoreFixture.make()
        let key = try await fixture.createKey(name: "k")
        let uid = key.uniqueIdentifier
        fixture.clock.advance(10)
        try await fixture.store.activate(uid, adapterID: fixture.adapterID)
        var read = try state(fixture, key)
        #expect(read.state == .active)
        #expect(read.dates.activation == fixture.clock.now)
        #expect(await errorCode { try await fixture.store.destroy(uid, adapterID: fixture.adapterID) } == .wrongLifecycleState)
        fixture.clock.advance(10)
        try await fixture.store.revoke(
            uid, adapterID: fixture.adapterID, reason: RevocationReason(code: .cessationOfOperation),
            compromiseOccurrenceDate: nil)
        read = try state(fixture, key)
        #expect(read.state == .deactivated)
        #expect(read.dates.deactivation == fixture.clock.now)
        #expect(read.allAttributes.contains { $0.name == "Revocation Reason" })
        fixture.clock.advance(10)
        try await fixture.store.destroy(uid, adapterID: fixture.adapterID)
        read = try state(fixture, key)
        #expect(read.state == .destroyed)
        #expect(read.dates.destroy == fixture.clock.now)
        #expect(read.dates.lastChange == fixture.clock.now)
        #expect(try fixture.store.key(key.uniqueIdentifier, adapterID: fixture.adapterID).material == nil)
        #expect(read.names == ["k"])
    }

    @Test("compromise from each state sets Compromise Date and Compromise Occurrence Date",
          arguments: [State.preActive, .active, .deactivated, .destroyed])
    func compromise(from start: State) async throws {
        let fixture = try await StoreFixture.make()
        let key = try await fixture.createKey(name: "k")
        let uid = key.uniqueIdentifier
        let store = fixture.store
        let adapter = fixture.adapterID
        if start != .preActive && start != .destroyed { try await store.activate(uid, adapterID: adapter) }
        if start == .deactivated {
            try await store.revoke(uid, adapterID: adapter, reason: RevocationReason(code: .superseded), compromiseOccurrenceDate: nil)
        }
        if start == .destroyed { try await store.destroy(uid, adapterID: adapter) }
        #expect(try state(fixture, key).state == start)
        fixture.clock.advance(5)
        try await store.revoke(
            uid, adapterID: adapter, reason: RevocationReason(code: .keyCompromise, message: "leaked"),
            compromiseOccurrenceDate: 1_600_000_000)
        let read = try state(fixture, key)
        #expect(read.state == (start == .destroyed ? .destroyedCompromised : .compromised))
        #expect(read.dates.compromise == fixture.clock.now)
        #expect(read.dates.compromiseOccurrence == 1_600_000_000)
        if start != .destroyed {
            try await store.destroy(uid, adapterID: adapter)
            let destroyed = try state(fixture, key)
            #expect(destroyed.state == .destroyedCompromised)
            #expect(try store.key(uid, adapterID: adapter).material == nil)
        }
    }

    @Test("Pre-Active can be destroyed directly")
    func destroyPreActive() async throws {
        let fixture = try await StoreFixture.make()
        let key = try await fixture.createKey()
        try await fixture.store.destroy(key.uniqueIdentifier, adapterID: fixture.adapterID)
        #expect(try state(fixture, key).state == .destroyed)
    }

    @Test("transitions the state machine forbids are refused with Wrong Key Lifecycle State")
    func refused() throws {
        let now: Int64 = 100
        func lifecycle(_ state: State) -> ObjectLifecycle {
            ObjectLifecycle(state: state, dates: LifecycleDates(initial: 0, lastChange: 0))
        }
        let other = RevocationReason(code: .unspecified)
        let compromise = RevocationReason(code: .caCompromise)
        // Activate: only from Pre-Active.
        for state in [State.active, .deactivated, .compromised, .destroyed, .destroyedCompromised] {
            var value = lifecycle(state)
            #expect(throws: KeyStoreError.self) { try value.activate(at: now) }
        }
        // Revoke (other reason): only from Active.
        for state in [State.preActive, .deactivated, .compromised, .destroyed, .destroyedCompromised] {
            var value = lifecycle(state)
            #expect(throws: KeyStoreError.self) { try value.revoke(reason: other, compromiseOccurrence: nil, at: now) }
        }
        // Revoke (compromise): not from Compromised or Destroyed Compromised.
        for state in [State.compromised, .destroyedCompromised] {
            var value = lifecycle(state)
            #expect(throws: KeyStoreError.self) { try value.revoke(reason: compromise, compromiseOccurrence: nil, at: now) }
        }
        // Destroy: not while Active, not twice.
        for state in [State.active, .destroyed, .destroyedCompromised] {
            var value = lifecycle(state)
            #expect(throws: KeyStoreError.self) { try value.destroy(at: now) }
        }
        // Activation Date changes only while Pre-Active; Deactivation Date while Pre-Active or Active.
        var active = lifecycle(.active)
        #expect(throws: KeyStoreError.self) { try active.setActivationDate(5, at: now) }
        var deactivated = lifecycle(.deactivated)
        #expect(throws: KeyStoreError.self) { try deactivated.setDeactivationDate(5, at: now) }
    }

    @Test("a compromise without an occurrence date dates it from the Initial Date")
    func compromiseOccurrenceDefaultsToTheInitialDate() async throws {
        let fixture = try await StoreFixture.make()
        let key = try await fixture.createKey(name: "k")
        let created = try state(fixture, key).dates.initial
        fixture.clock.advance(100)
        try await fixture.store.revoke(
            key.uniqueIdentifier, adapterID: fixture.adapterID, reason: RevocationReason(code: .keyCompromise),
            compromiseOccurrenceDate: nil)
        let read = try state(fixture, key)
        #expect(read.state == .compromised)
        #expect(read.dates.compromise == fixture.clock.now)
        #expect(read.dates.compromiseOccurrence == created)
    }

    @Test("a refused transition through the store changes nothing")
    func refusedThroughStore() async throws {
        let fixture = try await StoreFixture.make()
        let key = try await fixture.createKey(name: "k")
        let before = try state(fixture, key)
        let code = await errorCode {
            try await fixture.store.revoke(
                key.uniqueIdentifier, adapterID: fixture.adapterID, reason: RevocationReason(code: .unspecified),
                compromiseOccurrenceDate: nil)
        }
        #expect(code == .wrongLifecycleState)
        let after = try state(fixture, key)
        #expect(after.state == before.state)
        #expect(after.dates == before.dates)
        let other = await errorCode { try await fixture.store.activate(key.uniqueIdentifier, adapterID: fixture.otherAdapterID) }
        #expect(other == .objectNotFound)
    }
}
