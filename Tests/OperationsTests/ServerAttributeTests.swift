import Crypto
import Foundation
import KMIP
import TTLV
import Testing

/// The attributes the server sets itself: Digest on every key, Original Creation Date and Random
/// Number Generator on generated ones.
@Suite struct ServerAttributeTests {
    @Test func theDigestIsSHA256OfTheKeyGetReturnsAndOutlivesDestroy() async throws {
        let fixture = try await OperationsFixture.make()
        let identifier = try await fixture.createKey()
        let get = try await fixture.succeed(GetRequest(uniqueIdentifier: identifier)).payload(as: GetResponse.self)
        guard case .symmetricKey(let key) = get.object, let material = key.keyBlock.keyValue.keyBytes else {
            Issue.record("no key")
            return
        }
        let digest = try await fixture.attribute(.digest, of: identifier).decodedValue(as: Digest.self)
        #expect(digest.hashingAlgorithm == .sha256)
        #expect(digest.keyFormatType == .raw)
        #expect(digest.digestValue == Array(SHA256.hash(data: material)))
        _ = try await fixture.succeed(DestroyRequest(uniqueIdentifier: identifier))
        #expect(try await fixture.attribute(.digest, of: identifier).decodedValue(as: Digest.self) == digest)
    }

    @Test func aClientCannotSetChangeOrDeleteTheDigest() async throws {
        let fixture = try await OperationsFixture.make()
        let identifier = try await fixture.createKey()
        let forged = Attribute(.digest, Digest(hashingAlgorithm: .sha256, digestValue: Array(repeating: 0, count: 32), keyFormatType: .raw))
        #expect(try await fixture.fail(AddAttributeRequest(uniqueIdentifier: identifier, attribute: forged)).resultReason == .permissionDenied)
        #expect(try await fixture.fail(ModifyAttributeRequest(uniqueIdentifier: identifier, attribute: forged)).resultReason == .permissionDenied)
        #expect(try await fixture.fail(DeleteAttributeRequest(uniqueIdentifier: identifier, attributeName: "Digest")).resultReason == .permissionDenied)
        let refused = try await fixture.send([CreateRequest(objectType: .symmetricKey, templateAttribute: TemplateAttribute(attributes: [
            Attribute(.cryptographicAlgorithm, CryptographicAlgorithm.aes), Attribute(.cryptographicLength, Int32(256)), forged,
        ]))])
        #expect(refused.batchItems.first?.resultReason == .permissionDenied)
    }

    @Test func aRegisteredKeyHasTheDigestOfWhatTheClientGaveAndNoGeneratorClaim() async throws {
        let fixture = try await OperationsFixture.make()
        let material: [UInt8] = Array(0..<16)
        let registered = try await fixture.succeed(RegisterRequest(
            objectType: .symmetricKey, templateAttribute: TemplateAttribute(attributes: []),
            object: .symmetricKey(SymmetricKeyObject(raw: material, algorithm: .aes)))).payload(as: RegisterResponse.self)
        let identifier = registered.uniqueIdentifier
        let digest = try await fixture.attribute(.digest, of: identifier).decodedValue(as: Digest.self)
        #expect(digest.digestValue == Array(SHA256.hash(data: material)))
        let list = try await fixture.succeed(GetAttributeListRequest(uniqueIdentifier: identifier)).payload(as: GetAttributeListResponse.self)
        #expect(!list.attributeNames.contains("Random Number Generator"))
        #expect(!list.attributeNames.contains("Original Creation Date"))
    }

    @Test func aCreatedKeyNamesItsGeneratorAndCreationDateFromKMIP1_3On() async throws {
        let fixture = try await OperationsFixture.make()
        let before = Int64(Date().timeIntervalSince1970)
        let identifier = try await fixture.createKey()
        let generator = try await fixture.attribute(.randomNumberGenerator, of: identifier)
        #expect(generator.value == .structure([TTLVItem(.rngAlgorithm, .enumeration(RNGAlgorithm.unspecified.rawValue))]))
        guard case .dateTime(let created) = try await fixture.attribute(.originalCreationDate, of: identifier).value else {
            Issue.record("Original Creation Date is not a date")
            return
        }
        #expect(created >= before && created <= Int64(Date().timeIntervalSince1970))
        // KMIP 1.2 does not define Random Number Generator: a 1.2 client is not shown it.
        let old = try await fixture.succeed(
            GetAttributesRequest(uniqueIdentifier: identifier, attributeNames: []), version: .v1_2).payload(as: GetAttributesResponse.self)
        #expect(!old.attributes.contains { $0.name == "Random Number Generator" })
        #expect(old.attributes.contains { $0.name == "Digest" })
    }

    @Test func keysMayLeaveInTheClearAndAKeyThatMayNotIsRefused() async throws {
        let fixture = try await OperationsFixture.make()
        let identifier = try await fixture.createKey()
        #expect(try await fixture.attribute(.sensitive, of: identifier).value == .boolean(false))
        #expect(try await fixture.attribute(.alwaysSensitive, of: identifier).value == .boolean(false))
        #expect(try await fixture.attribute(.extractable, of: identifier).value == .boolean(true))
        #expect(try await fixture.attribute(.neverExtractable, of: identifier).value == .boolean(false))
        // A client that asks for a key never to leave in the clear is told no, not handed it anyway.
        let sensitive = try await fixture.send([CreateRequest(objectType: .symmetricKey, templateAttribute: TemplateAttribute(attributes: [
            Attribute(.cryptographicAlgorithm, CryptographicAlgorithm.aes), Attribute(.cryptographicLength, Int32(256)),
            Attribute(name: .sensitive, value: .boolean(true)),
        ]))])
        #expect(sensitive.batchItems.first?.resultReason == .featureNotSupported)
        let modified = try await fixture.fail(ModifyAttributeRequest(
            uniqueIdentifier: identifier, attribute: Attribute(name: .extractable, value: .boolean(false))))
        #expect(modified.resultReason == .featureNotSupported)
        // Setting what it already is stays allowed; the server-kept flags are not the client's.
        _ = try await fixture.succeed(ModifyAttributeRequest(
            uniqueIdentifier: identifier, attribute: Attribute(name: .sensitive, value: .boolean(false))))
        let always = try await fixture.fail(ModifyAttributeRequest(
            uniqueIdentifier: identifier, attribute: Attribute(name: .alwaysSensitive, value: .boolean(true))))
        #expect(always.resultReason == .permissionDenied)
        _ = try await fixture.succeed(GetRequest(uniqueIdentifier: identifier)).payload(as: GetResponse.self)
    }

    @Test func locateByTheExportPolicyFindsEveryKeyOrNone() async throws {
        let fixture = try await OperationsFixture.make()
        let identifier = try await fixture.createKey(name: "policy")
        func locate(_ attributes: [Attribute]) async throws -> [String] {
            let found = try await fixture.succeed(LocateRequest(attributes: attributes)).payload(as: LocateResponse.self)
            return found.uniqueIdentifiers
        }
        #expect(try await locate([Attribute(name: .extractable, value: .boolean(true)), Attribute(.name, Name("policy"))]) == [identifier])
        #expect(try await locate([Attribute(name: .sensitive, value: .boolean(true))]) == [])
        #expect(try await locate([Attribute(name: .neverExtractable, value: .boolean(true))]) == [])
    }

    /// What the server sets and no one looks a key up by is sealed but not indexed; a Locate by it
    /// is refused with a reason rather than answered with nothing.
    @Test func aLocateByAnUnindexedAttributeIsRefused() async throws {
        let fixture = try await OperationsFixture.make()
        let identifier = try await fixture.createKey()
        let unindexed: [AttributeName] = [.randomNumberGenerator, .originalCreationDate, .revocationReason]
        for name in unindexed {
            let attribute = name == .revocationReason
                ? Attribute(.revocationReason, RevocationReason(code: .unspecified))
                : try await fixture.attribute(name, of: identifier)
            let refused = try await fixture.fail(LocateRequest(attributes: [attribute]))
            #expect(refused.resultReason == .invalidField, "\(name.rawValue)")
            #expect(refused.resultMessage?.contains(name.rawValue) == true, "\(name.rawValue)")
        }
    }
}
