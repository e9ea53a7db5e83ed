import Foundation
import KMIP
import KeyStore
import Operations
import TTLV
import Testing

/// The adapter's limits on one object's attributes (issue 11, finding 9): a flood ends with a
/// clear KMIP error, and the object stays readable, revocable and destroyable.
@Suite struct AttributeLimitTests {
    static func add(_ identifier: String, _ attribute: Attribute) -> AddAttributeRequest {
        AddAttributeRequest(uniqueIdentifier: identifier, attribute: attribute)
    }

    @Test func theReviewsSixtyKilobyteAttributeIsRefusedWithTheDefaults() async throws {
        let fixture = try await OperationsFixture.make()
        let identifier = try await fixture.createKey()
        let big = Attribute(name: "x-flood", value: .byteString([UInt8](repeating: 0x5A, count: 60 << 10)))
        let refused = try await fixture.fail(Self.add(identifier, big))
        #expect(refused.resultReason == .permissionDenied)
        #expect(refused.resultMessage?.contains("at most 8192 bytes per attribute") == true)
        // Modify is bound the same way, and so is a create template, Names included.
        _ = try await fixture.succeed(Self.add(identifier, Attribute(name: "x-flood", value: .byteString([1]))))
        let modify = ModifyAttributeRequest(uniqueIdentifier: identifier, attribute: big)
        #expect(try await fixture.fail(modify).resultReason == .permissionDenied)
        let longName = Attribute(.name, Name(String(repeating: "n", count: 9_000)))
        let create = CreateRequest(objectType: .symmetricKey, templateAttribute: TemplateAttribute(attributes: [
            Attribute(.cryptographicAlgorithm, CryptographicAlgorithm.aes), Attribute(.cryptographicLength, 256 as Int32), longName,
        ]))
        #expect(try await fixture.fail(create).resultReason == .permissionDenied)
    }

    @Test func aFloodOfAttributesEndsWithAClearErrorAndTheKeyStaysManageable() async throws {
        let fixture = try await OperationsFixture.make()
        var vc = fixture.vc
        vc.limits = AdapterLimits(maximumAttributesPerObject: 24, maximumAttributeBytes: 1_024)
        let identifier = try await fixture.createKey(as: vc)
        var added = 0
        var refusal: ResponseBatchItem?
        while refusal == nil, added < 100 {
            let response = try await fixture.send(
                [Self.add(identifier, Attribute(name: "x-flood", value: .byteString([UInt8](repeating: 1, count: 900))))], as: vc)
            let item = try #require(response.batchItems.first)
            if item.resultStatus == .success { added += 1 } else { refusal = item }
        }
        #expect(added > 0 && added < 24)
        #expect(refusal?.resultReason == .permissionDenied)
        #expect(refusal?.resultMessage?.contains("at most 24 per object") == true)
        let list = try await fixture.succeed(GetAttributeListRequest(uniqueIdentifier: identifier), as: vc).payload(as: GetAttributeListResponse.self)
        #expect(!list.attributeNames.isEmpty)
        _ = try await fixture.succeed(ActivateRequest(uniqueIdentifier: identifier), as: vc)
        _ = try await fixture.succeed(RevokeRequest(uniqueIdentifier: identifier, revocationReason: RevocationReason(code: .cessationOfOperation)), as: vc)
        _ = try await fixture.succeed(DestroyRequest(uniqueIdentifier: identifier), as: vc)
    }

    @Test func aTemplateWithMoreAttributesThanTheLimitIsRefused() async throws {
        let fixture = try await OperationsFixture.make()
        var vc = fixture.vc
        vc.limits = AdapterLimits(maximumAttributesPerObject: 20)
        let many = (0..<30).map { Attribute(name: "x-tag", value: .integer(Int32($0))) }
        let create = CreateRequest(objectType: .symmetricKey, templateAttribute: TemplateAttribute(attributes: [
            Attribute(.cryptographicAlgorithm, CryptographicAlgorithm.aes), Attribute(.cryptographicLength, 256 as Int32),
        ] + many))
        let refused = try await fixture.fail(create, as: vc)
        #expect(refused.resultReason == .permissionDenied)
        #expect(try fixture.store.objectSummaries(adapterID: vc.adapterID).isEmpty)
    }
}
