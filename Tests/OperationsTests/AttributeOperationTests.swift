import TTLV
import KeyStore
import Foundation
import KMIP
import Operations
import Testing

/// Get Attributes, Get Attribute List, Add, Modify and Delete Attribute.
@Suite struct AttributeOperationTests {
    @Test func aNamedAttributeTheObjectLacksIsSimplyAbsent() async throws {
        let fixture = try await OperationsFixture.make()
        let identifier = try await fixture.createKey()
        guard case .getAttributes(let response) = try await fixture.succeed(.getAttributes(GetAttributesRequest(uniqueIdentifier: identifier, attributeNames: ["x-Product_Version"]))) else { return }
        #expect(response.attributes.isEmpty)
    }

    @Test func customAttributesOfAnyTypeAreAddedModifiedAndDeleted() async throws {
        let fixture = try await OperationsFixture.make()
        let identifier = try await fixture.createKey()
        for (name, value) in [("x-Product_Version", TTLVValue.textString("8.0")), ("x-Count", .integer(3)), ("x-Blob", .byteString([1, 2]))] {
            guard case .addAttribute(let added) = try await fixture.succeed(.addAttribute(AddAttributeRequest(uniqueIdentifier: identifier, attribute: Attribute(name: name, value: value)))) else { return }
            #expect(added.attribute.value == value)
        }
        _ = try await fixture.succeed(.addAttribute(AddAttributeRequest(uniqueIdentifier: identifier, attribute: Attribute(name: "x-Product_Version", value: .textString("8.1")))))
        guard case .getAttributes(let all) = try await fixture.succeed(.getAttributes(GetAttributesRequest(uniqueIdentifier: identifier, attributeNames: ["x-Product_Version"]))) else { return }
        #expect(all.attributes.map(\.value) == [.textString("8.0"), .textString("8.1")])
        #expect(all.attributes.map(\.index) == [nil, 1])
        guard case .modifyAttribute(let modified) = try await fixture.succeed(.modifyAttribute(ModifyAttributeRequest(uniqueIdentifier: identifier, attribute: Attribute(name: "x-Product_Version", index: 1, value: .textString("9.0"))))) else { return }
        #expect(modified.attribute.value == .textString("9.0"))
        guard case .deleteAttribute(let deleted) = try await fixture.succeed(.deleteAttribute(DeleteAttributeRequest(uniqueIdentifier: identifier, attributeName: "x-Product_Version"))) else { return }
        #expect(deleted.attribute.value == .textString("8.0"))
        guard case .getAttributeList(let list) = try await fixture.succeed(.getAttributeList(GetAttributeListRequest(uniqueIdentifier: identifier))) else { return }
        #expect(list.attributeNames.contains("x-Count"))
        #expect(list.attributeNames.contains("State"))
        #expect(Set(list.attributeNames).count == list.attributeNames.count)
    }

    @Test func whatMayNotBeChangedIsRefused() async throws {
        let fixture = try await OperationsFixture.make()
        let identifier = try await fixture.createKey(name: "k1")
        #expect(try await fixture.fail(.modifyAttribute(ModifyAttributeRequest(uniqueIdentifier: identifier, attribute: Attribute(name: "x-missing", value: .integer(1))))).resultReason == .itemNotFound)
        #expect(try await fixture.fail(.deleteAttribute(DeleteAttributeRequest(uniqueIdentifier: identifier, attributeName: "x-missing"))).resultReason == .itemNotFound)
        #expect(try await fixture.fail(.addAttribute(AddAttributeRequest(uniqueIdentifier: identifier, attribute: Attribute(.state, State.active)))).resultReason == .permissionDenied)
        #expect(try await fixture.fail(.addAttribute(AddAttributeRequest(uniqueIdentifier: identifier, attribute: Attribute(name: "y-server", value: .integer(1))))).resultReason == .permissionDenied)
        #expect(try await fixture.fail(.addAttribute(AddAttributeRequest(uniqueIdentifier: identifier, attribute: Attribute(name: "Made Up", value: .integer(1))))).resultReason == .invalidField)
        #expect(try await fixture.fail(.deleteAttribute(DeleteAttributeRequest(uniqueIdentifier: identifier, attributeName: "Cryptographic Length"))).resultReason == .permissionDenied)
        // A second Contact Information is refused: it takes one value.
        _ = try await fixture.succeed(.addAttribute(AddAttributeRequest(uniqueIdentifier: identifier, attribute: Attribute(.contactInformation, "ops@example.com"))))
        #expect(try await fixture.fail(.addAttribute(AddAttributeRequest(uniqueIdentifier: identifier, attribute: Attribute(.contactInformation, "x")))).resultReason == .invalidField)
        // Names can be added and deleted.
        _ = try await fixture.succeed(.addAttribute(AddAttributeRequest(uniqueIdentifier: identifier, attribute: Attribute(.name, Name("k1-alias")))))
        _ = try await fixture.succeed(.deleteAttribute(DeleteAttributeRequest(uniqueIdentifier: identifier, attributeName: "Name", attributeIndex: 1)))
    }

    @Test func theActivationDateOfAnActiveKeyCannotMove() async throws {
        let fixture = try await OperationsFixture.make()
        let identifier = try await fixture.createKey()
        _ = try await fixture.succeed(.activate(ActivateRequest(uniqueIdentifier: identifier)))
        let refused = try await fixture.fail(.modifyAttribute(ModifyAttributeRequest(uniqueIdentifier: identifier, attribute: Attribute(.activationDate, Date(timeIntervalSince1970: 2_000_000_000)))))
        #expect(refused.resultReason == .permissionDenied)
        // Even to the value it already has (SKLC-M-3): the date of an Active key is not the client's to set.
        let current = try await fixture.attribute(.activationDate, of: identifier)
        let same = try await fixture.fail(.modifyAttribute(ModifyAttributeRequest(uniqueIdentifier: identifier, attribute: current)))
        #expect(same.resultReason == .permissionDenied)
    }
}
