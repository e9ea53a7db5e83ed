import Foundation
import KMIP
import TTLV
import Testing
import TestSupport

@testable import KeyStore

@Suite("Attribute updates")
struct AttributeTests {
    @Test("add, modify and delete custom attributes; Last Change Date moves")
    func editCustom() async throws {
        let fixture = try await StoreFixture.make()
        let key = try await fixture.createKey(name: "k")
        fixture.clock.advance(30)
        let after = try await fixture.store.updateAttributes(key.uniqueIdentifier, adapterID: fixture.adapterID) {
            $0.append(Attribute(name: "x-Product_Version", value: .textString("8.0")))
            $0.append(Attribute(name: .contactInformation, value: .textString("ops@example.com")))
        }
        #expect(after.contains { $0.name == "x-Product_Version" })
        let read = try fixture.store.object(key.uniqueIdentifier, adapterID: fixture.adapterID)
        #expect(read.attributes.contains { $0.name == "Contact Information" })
        #expect(read.dates.lastChange == fixture.clock.now)
        _ = try await fixture.store.updateAttributes(key.uniqueIdentifier, adapterID: fixture.adapterID) {
            $0.removeAll { $0.name == "x-Product_Version" }
        }
        let removed = try fixture.store.object(key.uniqueIdentifier, adapterID: fixture.adapterID)
        #expect(!removed.attributes.contains { $0.name == "x-Product_Version" })
    }

    @Test("server-managed attributes cannot be changed, and nothing is written")
    func readOnly() async throws {
        let fixture = try await StoreFixture.make()
        let key = try await fixture.createKey(name: "k")
        for name in ["State", "Initial Date", "Cryptographic Length", "Unique Identifier"] {
            let code = await errorCode {
                _ = try await fixture.store.updateAttributes(key.uniqueIdentifier, adapterID: fixture.adapterID) {
                    $0.removeAll { $0.name == name }
                }
            }
            #expect(code == .readOnlyAttribute)
        }
        let code = await errorCode {
            _ = try await fixture.createKey(extra: [Attribute(name: .state, value: .enumeration(State.active.rawValue))])
        }
        #expect(code == .readOnlyAttribute)
    }

    @Test("setting an Activation Date in the past on a Pre-Active object activates it; later it is refused")
    func activationDate() async throws {
        let fixture = try await StoreFixture.make()
        let key = try await fixture.createKey(name: "k")
        let now = fixture.clock.now
        _ = try await fixture.store.updateAttributes(key.uniqueIdentifier, adapterID: fixture.adapterID) {
            $0.append(Attribute(name: .activationDate, value: .dateTime(now)))
        }
        #expect(try fixture.store.object(key.uniqueIdentifier, adapterID: fixture.adapterID).state == .active)
        let code = await errorCode {
            _ = try await fixture.store.updateAttributes(key.uniqueIdentifier, adapterID: fixture.adapterID) {
                $0.removeAll { $0.name == "Activation Date" }
                $0.append(Attribute(name: .activationDate, value: .dateTime(now + 100)))
            }
        }
        #expect(code == .wrongLifecycleState)
    }
}
