import Foundation
import KMIP
import TTLV
import Testing
import TestSupport

@testable import KeyStore

/// The store's attribute permissions come from the specification's table (`AttributeRule`), not
/// from lists of its own (issue 12, item 5): every rule about an attribute the store keeps is
/// honoured by a create template and by an attribute update.
@Suite struct AttributeTableTests {
    /// Every standard attribute the store keeps itself, with its rule.
    static let keptRules = AttributeRule.all.filter { StoredAttributes.storeKeptNames.contains($0.name.rawValue) }

    @Test func everyAttributeTheStoreKeepsHasARule() {
        #expect(Set(Self.keptRules.map(\.name.rawValue)) == StoredAttributes.storeKeptNames)
    }

    @Test func aTemplateMaySetWhatTheTableLetsAClientSetAndNothingElseTheStoreKeeps() {
        for rule in Self.keptRules where !StoredAttributes.exportPolicyNames.contains(rule.name.rawValue) {
            let attribute = Attribute(name: rule.name, value: Self.sample(of: rule.itemTypes.first!))
            var code: KeyStoreError.Code?
            do {
                _ = try StoredAttributes(template: [attribute])
            } catch {
                code = error.code
            }
            if rule.clientMaySet {
                #expect(code == nil, "\(rule.name) may be set by a client")
            } else {
                #expect(code == .readOnlyAttribute, "\(rule.name) may not be set by a client")
            }
        }
    }

    @Test func anUpdateMayNotChangeWhatTheTableLetsNoClientModify() async throws {
        let fixture = try await StoreFixture.make()
        let key = try await fixture.createKey(name: "k")
        let before = try fixture.store.object(key.uniqueIdentifier, adapterID: fixture.adapterID)
        for rule in Self.keptRules where !rule.clientMayModify {
            let extra = Attribute(name: rule.name, index: 7, value: Self.sample(of: rule.itemTypes.first!))
            let code = await errorCode {
                _ = try await fixture.store.updateAttributes(key.uniqueIdentifier, adapterID: fixture.adapterID) {
                    $0.append(extra)
                }
            }
            #expect(code == .readOnlyAttribute, "\(rule.name) may not be modified by a client")
        }
        let after = try fixture.store.object(key.uniqueIdentifier, adapterID: fixture.adapterID)
        #expect(after.allAttributes == before.allAttributes)
    }

    @Test func theExportPolicyStaysFixedWhateverTheTableLetsAClientModify() async throws {
        let fixture = try await StoreFixture.make()
        let key = try await fixture.createKey(name: "k")
        for (name, value) in StoredObject.exportPolicy {
            let code = await errorCode {
                _ = try await fixture.store.updateAttributes(key.uniqueIdentifier, adapterID: fixture.adapterID) {
                    $0.removeAll { $0.name == name.rawValue }
                    $0.append(Attribute(name: name, value: .boolean(!value)))
                }
            }
            #expect(code == .readOnlyAttribute, "\(name) is the same for every key")
        }
    }

    /// The lists derived from the table are the ones the store had by hand before.
    @Test func theDerivedListsAreTheStoresRules() {
        #expect(
            StoredAttributes.serverOnlyNames
                == Set(
                    [
                        AttributeName.uniqueIdentifier, .objectType, .state, .initialDate, .compromiseDate,
                        .compromiseOccurrenceDate, .destroyDate, .lastChangeDate, .revocationReason,
                    ].map(\.rawValue)))
        let fixedAfterCreate = [AttributeName.cryptographicAlgorithm, .cryptographicLength, .cryptographicUsageMask]
        #expect(
            StoredAttributes.clientUnchangeableNames
                == StoredAttributes.serverOnlyNames.union(StoredAttributes.exportPolicyNames).union(
                    fixedAfterCreate.map(\.rawValue)))
    }

    static func sample(of type: ItemType) -> TTLVValue {
        switch type {
        case .structure: .structure([])
        case .integer: .integer(1)
        case .longInteger: .longInteger(1)
        case .bigInteger: .bigInteger([0, 0, 0, 0, 0, 0, 0, 1])
        case .enumeration: .enumeration(1)
        case .boolean: .boolean(true)
        case .textString: .textString("x")
        case .byteString: .byteString([1])
        case .dateTime: .dateTime(1_700_000_000)
        case .interval: .interval(1)
        }
    }
}
