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
        let response = try await fixture.succeed(GetAttributesRequest(uniqueIdentifier: identifier, attributeNames: ["x-Product_Version"])).payload(as: GetAttributesResponse.self)
        #expect(response.attributes.isEmpty)
    }

    @Test func customAttributesOfAnyTypeAreAddedModifiedAndDeleted() async throws {
        let fixture = try await OperationsFixture.make()
        let identifier = try await fixture.createKey()
        for (name, value) in [("x-Product_Version", TTLVValue.textString("8.0")), ("x-Count", .integer(3)), ("x-Blob", .byteString([1, 2]))] {
            let added = try await fixture.succeed(AddAttributeRequest(uniqueIdentifier: identifier, attribute: Attribute(name: name, value: value))).payload(as: AddAttributeResponse.self)
            #expect(added.attribute.value == value)
        }
        _ = try await fixture.succeed(AddAttributeRequest(uniqueIdentifier: identifier, attribute: Attribute(name: "x-Product_Version", value: .textString("8.1"))))
        let all = try await fixture.succeed(GetAttributesRequest(uniqueIdentifier: identifier, attributeNames: ["x-Product_Version"])).payload(as: GetAttributesResponse.self)
        #expect(all.attributes.map(\.value) == [.textString("8.0"), .textString("8.1")])
        #expect(all.attributes.map(\.index) == [nil, 1])
        let modified = try await fixture.succeed(ModifyAttributeRequest(uniqueIdentifier: identifier, attribute: Attribute(name: "x-Product_Version", index: 1, value: .textString("9.0")))).payload(as: ModifyAttributeResponse.self)
        #expect(modified.attribute.value == .textString("9.0"))
        let deleted = try await fixture.succeed(DeleteAttributeRequest(uniqueIdentifier: identifier, attributeName: "x-Product_Version")).payload(as: DeleteAttributeResponse.self)
        #expect(deleted.attribute.value == .textString("8.0"))
        let list = try await fixture.succeed(GetAttributeListRequest(uniqueIdentifier: identifier)).payload(as: GetAttributeListResponse.self)
        #expect(list.attributeNames.contains("x-Count"))
        #expect(list.attributeNames.contains("State"))
        #expect(Set(list.attributeNames).count == list.attributeNames.count)
    }

    @Test func whatMayNotBeChangedIsRefused() async throws {
        let fixture = try await OperationsFixture.make()
        let identifier = try await fixture.createKey(name: "k1")
        #expect(try await fixture.fail(ModifyAttributeRequest(uniqueIdentifier: identifier, attribute: Attribute(name: "x-missing", value: .integer(1)))).resultReason == .itemNotFound)
        #expect(try await fixture.fail(DeleteAttributeRequest(uniqueIdentifier: identifier, attributeName: "x-missing")).resultReason == .itemNotFound)
        #expect(try await fixture.fail(AddAttributeRequest(uniqueIdentifier: identifier, attribute: Attribute(.state, State.active))).resultReason == .permissionDenied)
        #expect(try await fixture.fail(AddAttributeRequest(uniqueIdentifier: identifier, attribute: Attribute(name: "y-server", value: .integer(1)))).resultReason == .permissionDenied)
        #expect(try await fixture.fail(AddAttributeRequest(uniqueIdentifier: identifier, attribute: Attribute(name: "Made Up", value: .integer(1)))).resultReason == .invalidField)
        #expect(try await fixture.fail(DeleteAttributeRequest(uniqueIdentifier: identifier, attributeName: "Cryptographic Length")).resultReason == .permissionDenied)
        // A second Contact Information is refused: it takes one value.
        _ = try await fixture.succeed(AddAttributeRequest(uniqueIdentifier: identifier, attribute: Attribute(.contactInformation, "ops@example.com")))
        #expect(try await fixture.fail(AddAttributeRequest(uniqueIdentifier: identifier, attribute: Attribute(.contactInformation, "x"))).resultReason == .invalidField)
        // Names can be added and deleted.
        _ = try await fixture.succeed(AddAttributeRequest(uniqueIdentifier: identifier, attribute: Attribute(.name, Name("k1-alias"))))
        _ = try await fixture.succeed(DeleteAttributeRequest(uniqueIdentifier: identifier, attributeName: "Name", attributeIndex: 1))
    }

    @Test func theActivationDateOfAnActiveKeyCannotMove() async throws {
        let fixture = try await OperationsFixture.make()
        let identifier = try await fixture.createKey()
        _ = try await fixture.succeed(ActivateRequest(uniqueIdentifier: identifier))
        let refused = try await fixture.fail(ModifyAttributeRequest(uniqueIdentifier: identifier, attribute: Attribute(.activationDate, Date(timeIntervalSince1970: 2_000_000_000))))
        #expect(refused.resultReason == .permissionDenied)
        // Even to the value it already has (SKLC-M-3): the date of an Active key is not the client's to set.
        let current = try await fixture.attribute(.activationDate, of: identifier)
        let same = try await fixture.fail(ModifyAttributeRequest(uniqueIdentifier: identifier, attribute: current))
        #expect(same.resultReason == .permissionDenied)
    }
}
