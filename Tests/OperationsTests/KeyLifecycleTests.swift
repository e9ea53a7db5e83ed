import TTLV
import KeyStore
import Foundation
import KMIP
import Operations
import Testing

/// Create, Get, Activate, Revoke, Destroy and the lifecycle rules, over KMIP messages.
@Suite struct KeyLifecycleTests {
    @Test(arguments: [Int32(128), 192, 256])
    func createMakesAPreActiveAESKeyOfTheAskedLength(length: Int32) async throws {
        let fixture = try await OperationsFixture.make()
        let identifier = try await fixture.createKey(length: length)
        #expect(try await fixture.state(of: identifier) == .preActive)
        let get = try await fixture.succeed(GetRequest(uniqueIdentifier: identifier)).payload(as: GetResponse.self)
        guard case .symmetricKey(let key) = get.object else {
            Issue.record("no key")
            return
        }
        #expect(key.keyBlock.keyFormatType == .raw)
        #expect(key.keyBlock.keyValue.keyBytes?.count == Int(length / 8))
        #expect(key.keyBlock.cryptographicAlgorithm == .aes)
        #expect(key.keyBlock.cryptographicLength == length)
    }

    @Test func getServesTransparentSymmetricKeysWhenAsked() async throws {
        let fixture = try await OperationsFixture.make()
        let identifier = try await fixture.createKey()
        let raw = try await fixture.succeed(GetRequest(uniqueIdentifier: identifier)).payload(as: GetResponse.self)
        let transparent = try await fixture.succeed(GetRequest(uniqueIdentifier: identifier, keyFormatType: .transparentSymmetricKey)).payload(as: GetResponse.self)
        guard case .symmetricKey(let rawKey) = raw.object, case .symmetricKey(let transparentKey) = transparent.object else { return }
        #expect(transparentKey.keyBlock.keyFormatType == .transparentSymmetricKey)
        #expect(rawKey.keyBlock.keyValue.keyBytes == transparentKey.keyBlock.keyValue.keyBytes)
        let refused = try await fixture.fail(GetRequest(uniqueIdentifier: identifier, keyFormatType: .pkcs8))
        #expect(refused.resultReason == .keyFormatTypeNotSupported)
    }

    @Test func anActivationDateInThePastActivatesAtOnce() async throws {
        let fixture = try await OperationsFixture.make()
        let identifier = try await fixture.createKey(extra: [Attribute(.activationDate, Date(timeIntervalSinceNow: -60))])
        #expect(try await fixture.state(of: identifier) == .active)
        let future = try await fixture.createKey(extra: [Attribute(.activationDate, Date(timeIntervalSinceNow: 3600))])
        #expect(try await fixture.state(of: future) == .preActive)
    }

    @Test func activateRevokeDestroy() async throws {
        let fixture = try await OperationsFixture.make()
        let identifier = try await fixture.createKey()
        _ = try await fixture.succeed(ActivateRequest(uniqueIdentifier: identifier))
        #expect(try await fixture.state(of: identifier) == .active)
        let refused = try await fixture.fail(DestroyRequest(uniqueIdentifier: identifier))
        // KMIP 1.x has no Wrong Key Lifecycle State: SKLC-M-2 answers Permission Denied.
        #expect(refused.resultReason == .permissionDenied)
        _ = try await fixture.succeed(RevokeRequest(uniqueIdentifier: identifier, revocationReason: RevocationReason(code: .cessationOfOperation)))
        #expect(try await fixture.state(of: identifier) == .deactivated)
        _ = try await fixture.succeed(DestroyRequest(uniqueIdentifier: identifier))
        #expect(try await fixture.state(of: identifier) == .destroyed)
        let gone = try await fixture.fail(GetRequest(uniqueIdentifier: identifier))
        #expect(gone.resultReason == .permissionDenied)
        // Destroy is irreversible.
        #expect(try await fixture.fail(ActivateRequest(uniqueIdentifier: identifier)).resultReason == .permissionDenied)
    }

    @Test(arguments: [RevocationReasonCode.keyCompromise, .caCompromise])
    func aCompromiseMakesTheKeyCompromisedWithItsDates(code: RevocationReasonCode) async throws {
        let fixture = try await OperationsFixture.make()
        let identifier = try await fixture.createKey()
        _ = try await fixture.succeed(ActivateRequest(uniqueIdentifier: identifier))
        let occurred = Date(timeIntervalSince1970: 1_700_000_000)
        _ = try await fixture.succeed(RevokeRequest(
            uniqueIdentifier: identifier, revocationReason: RevocationReason(code: code, message: "lost"), compromiseOccurrenceDate: occurred))
        let attributes = try await fixture.succeed(GetAttributesRequest(uniqueIdentifier: identifier)).payload(as: GetAttributesResponse.self)
        let names = Set(attributes.attributes.map(\.name))
        #expect(names.contains("Compromise Date"))
        #expect(names.contains("Compromise Occurrence Date"))
        #expect(names.contains("Revocation Reason"))
        #expect(attributes.attributes.first { $0.name == "Compromise Occurrence Date" }?.value == .dateTime(1_700_000_000))
        #expect(try await fixture.state(of: identifier) == .compromised)
        _ = try await fixture.succeed(DestroyRequest(uniqueIdentifier: identifier))
        #expect(try await fixture.state(of: identifier) == .destroyedCompromised)
    }

    @Test func registerKeepsTheClientsKey() async throws {
        let fixture = try await OperationsFixture.make()
        let material: [UInt8] = Array(0..<32)
        let registered = try await fixture.succeed(RegisterRequest(
            objectType: .symmetricKey, templateAttribute: TemplateAttribute(attributes: [Attribute(.name, Name("imported"))]),
            object: .symmetricKey(SymmetricKeyObject(raw: material, algorithm: .aes)))).payload(as: RegisterResponse.self)
        let get = try await fixture.succeed(GetRequest(uniqueIdentifier: registered.uniqueIdentifier)).payload(as: GetResponse.self)
        guard case .symmetricKey(let key) = get.object else { return }
        #expect(key.keyBlock.keyValue.keyBytes == material)
        #expect(key.keyBlock.cryptographicLength == 256)
    }

    /// Key Compression Type names elliptic-curve point formats; even "uncompressed" does not
    /// apply to a symmetric key, and the refusal says so rather than "compressed".
    @Test func registerRefusesAKeyCompressionTypeNamingIt() async throws {
        let fixture = try await OperationsFixture.make()
        var object = SymmetricKeyObject(raw: Array(0..<32), algorithm: .aes)
        object.keyBlock.keyCompressionType = .ecPublicKeyTypeUncompressed
        let refused = try await fixture.fail(RegisterRequest(
            objectType: .symmetricKey, templateAttribute: TemplateAttribute(attributes: []), object: .symmetricKey(object)))
        #expect(refused.resultReason == .keyCompressionTypeNotSupported)
        #expect(refused.resultMessage?.contains("describes elliptic-curve keys") == true, "\(refused.resultMessage ?? "")")
        #expect(refused.resultMessage?.contains("compressed keys") == false)
    }

    @Test func createRefusesWhatItCannotMake() async throws {
        let fixture = try await OperationsFixture.make()
        let noLength = try await fixture.fail(CreateRequest(objectType: .symmetricKey, templateAttribute: TemplateAttribute(attributes: [Attribute(.cryptographicAlgorithm, CryptographicAlgorithm.aes)])))
        #expect(noLength.resultReason == .invalidField)
        let badLength = try await fixture.fail(CreateRequest(objectType: .symmetricKey, templateAttribute: TemplateAttribute(attributes: [
            Attribute(.cryptographicAlgorithm, CryptographicAlgorithm.aes), Attribute(.cryptographicLength, Int32(100)),
        ])))
        #expect(badLength.resultMessage?.contains("100") == true)
        let notAES = try await fixture.fail(CreateRequest(objectType: .symmetricKey, templateAttribute: TemplateAttribute(attributes: [
            Attribute(.cryptographicAlgorithm, CryptographicAlgorithm.tripleDES), Attribute(.cryptographicLength, Int32(168)),
        ])))
        #expect(notAES.resultReason == .invalidField)
        let serverOnly = try await fixture.fail(CreateRequest(objectType: .symmetricKey, templateAttribute: TemplateAttribute(attributes: [
            Attribute(.cryptographicAlgorithm, CryptographicAlgorithm.aes), Attribute(.cryptographicLength, Int32(256)), Attribute(.state, State.active),
        ])))
        #expect(serverOnly.resultReason == .permissionDenied)
    }
}
