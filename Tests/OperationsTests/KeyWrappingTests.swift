import Crypto
import Foundation
import KMIP
import NIOCore
import Operations
import TTLV
import Testing

/// Get with a Key Wrapping Specification: the key comes back under AES key wrap (RFC 3394) by
/// another key of the same adapter, and unwraps to exactly the key a plain Get returns.
@Suite struct KeyWrappingTests {
    /// An Active AES-256 key that may wrap keys, and a key to wrap.
    struct Keys {
        let fixture: OperationsFixture
        let wrapping: String
        let target: String
    }

    static func keys(mask: CryptographicUsageMask = [.wrapKey, .unwrapKey], activate: Bool = true) async throws -> Keys {
        let fixture = try await OperationsFixture.make()
        let wrapping = try await fixture.createKey(usageMask: mask)
        if activate { _ = try await fixture.succeed(ActivateRequest(uniqueIdentifier: wrapping)) }
        let target = try await fixture.createKey(length: 128)
        return Keys(fixture: fixture, wrapping: wrapping, target: target)
    }

    static func specification(
        _ wrapping: String, mode: BlockCipherMode? = .nistKeyWrap, encoding: EncodingOption? = nil, attributeNames: [String] = []
    ) -> KeyWrappingSpecification {
        KeyWrappingSpecification(
            wrappingMethod: .encrypt,
            encryptionKeyInformation: EncryptionKeyInformation(
                uniqueIdentifier: wrapping, cryptographicParameters: mode.map { CryptographicParameters(blockCipherMode: $0) }),
            attributeNames: attributeNames, encodingOption: encoding)
    }

    static func keyBlock(_ payload: ResponseBatchItem) throws -> KeyBlock {
        let get = try payload.payload(as: GetResponse.self)
        guard case .symmetricKey(let key) = get.object else {
            throw OperationsFixture.Failure("not a Get of a symmetric key")
        }
        return key.keyBlock
    }

    func clear(_ identifier: String, in fixture: OperationsFixture) async throws -> [UInt8] {
        let block = try Self.keyBlock(try await fixture.succeed(GetRequest(uniqueIdentifier: identifier)))
        return try #require(block.keyValue.keyBytes)
    }

    func unwrap(_ block: KeyBlock, with key: [UInt8]) throws -> [UInt8] {
        guard case .wrapped(let bytes) = block.keyValue else { throw OperationsFixture.Failure("the Key Value is not wrapped") }
        return Array(try AES.KeyWrap.unwrap(bytes, using: SymmetricKey(data: key)).withUnsafeBytes { Array($0) })
    }

    @Test func byDefaultTheTTLVEncodedKeyValueIsWrapped() async throws {
        let keys = try await Self.keys()
        let request = GetRequest(uniqueIdentifier: keys.target, keyWrappingSpecification: Self.specification(keys.wrapping))
        let block = try Self.keyBlock(try await keys.fixture.succeed(request))

        #expect(block.keyFormatType == .raw)
        #expect(block.cryptographicAlgorithm == .aes)
        #expect(block.cryptographicLength == 128)
        #expect(block.keyWrappingData?.wrappingMethod == .encrypt)
        #expect(block.keyWrappingData?.encryptionKeyInformation?.uniqueIdentifier == keys.wrapping)
        #expect(block.keyWrappingData?.encryptionKeyInformation?.cryptographicParameters?.blockCipherMode == .nistKeyWrap)

        let plaintext = try unwrap(block, with: try await clear(keys.wrapping, in: keys.fixture))
        let keyValue = try TTLVDecoder().decode(ByteBuffer(bytes: plaintext))
        #expect(keyValue.tag == .keyValue)
        #expect(keyValue.child(.keyMaterial)?.value == .byteString(try await clear(keys.target, in: keys.fixture)))
    }

    @Test func withNoEncodingTheBareKeyIsWrapped() async throws {
        let keys = try await Self.keys()
        let request = GetRequest(
            uniqueIdentifier: keys.target, keyWrappingSpecification: Self.specification(keys.wrapping, encoding: .noEncoding))
        let block = try Self.keyBlock(try await keys.fixture.succeed(request))
        #expect(block.keyWrappingData?.encodingOption == .noEncoding)
        let plaintext = try unwrap(block, with: try await clear(keys.wrapping, in: keys.fixture))
        #expect(plaintext == (try await clear(keys.target, in: keys.fixture)))
    }

    @Test func namedAttributesTravelInsideTheWrappedKeyValue() async throws {
        let keys = try await Self.keys()
        let request = GetRequest(
            uniqueIdentifier: keys.target,
            keyWrappingSpecification: Self.specification(keys.wrapping, attributeNames: ["Cryptographic Usage Mask", "State"]))
        let block = try Self.keyBlock(try await keys.fixture.succeed(request))
        let keyValue = try TTLVDecoder().decode(ByteBuffer(bytes: try unwrap(block, with: try await clear(keys.wrapping, in: keys.fixture))))
        let names = keyValue.children(.attribute).compactMap { $0.child(.attributeName)?.value }
        #expect(names == [.textString("Cryptographic Usage Mask"), .textString("State")] || names == [.textString("State"), .textString("Cryptographic Usage Mask")])
    }

    @Test func theWrappingKeysOwnParametersApplyWhenTheRequestGivesNone() async throws {
        let fixture = try await OperationsFixture.make()
        func wrappingKey(mode: BlockCipherMode) async throws -> String {
            let key = try await fixture.createKey(
                usageMask: [.wrapKey], extra: [Attribute(.cryptographicParameters, CryptographicParameters(blockCipherMode: mode))])
            _ = try await fixture.succeed(ActivateRequest(uniqueIdentifier: key))
            return key
        }
        let target = try await fixture.createKey()
        let keyWrap = try await wrappingKey(mode: .nistKeyWrap)
        let block = try Self.keyBlock(try await fixture.succeed(
            GetRequest(uniqueIdentifier: target, keyWrappingSpecification: Self.specification(keyWrap, mode: nil))))
        #expect(try unwrap(block, with: try await clear(keyWrap, in: fixture)).count == 48)
        // A key meant for another mode is not used for key wrap by default…
        let cbc = try await wrappingKey(mode: .cbc)
        let refused = try await fixture.fail(
            GetRequest(uniqueIdentifier: target, keyWrappingSpecification: Self.specification(cbc, mode: nil)))
        #expect(refused.resultReason == .featureNotSupported)
        // …but the request's own parameters come first.
        _ = try await fixture.succeed(
            GetRequest(uniqueIdentifier: target, keyWrappingSpecification: Self.specification(cbc, mode: .nistKeyWrap)))
    }

    @Test func aWrappingKeyThatIsNotActiveIsRefused() async throws {
        let keys = try await Self.keys(activate: false)
        let refused = try await keys.fixture.fail(
            GetRequest(uniqueIdentifier: keys.target, keyWrappingSpecification: Self.specification(keys.wrapping)))
        #expect(refused.resultReason == .permissionDenied)
    }

    @Test func aWrappingKeyWithoutWrapKeyInItsMaskIsRefused() async throws {
        let keys = try await Self.keys(mask: [.encrypt, .decrypt])
        let refused = try await keys.fixture.fail(
            GetRequest(uniqueIdentifier: keys.target, keyWrappingSpecification: Self.specification(keys.wrapping)))
        #expect(refused.resultReason == .permissionDenied)
        #expect(refused.resultMessage?.contains("Wrap Key") == true)
    }

    @Test func anotherAdaptersKeyCannotWrap() async throws {
        let keys = try await Self.keys()
        let theirs = try await keys.fixture.createKey(usageMask: [.wrapKey], as: keys.fixture.other)
        _ = try await keys.fixture.succeed(ActivateRequest(uniqueIdentifier: theirs), as: keys.fixture.other)
        let refused = try await keys.fixture.fail(
            GetRequest(uniqueIdentifier: keys.target, keyWrappingSpecification: Self.specification(theirs)))
        #expect(refused.resultReason == .itemNotFound)
    }

    @Test(arguments: [
        (KeyWrappingSpecification(wrappingMethod: .macSign), ResultReason.featureNotSupported),
        (KeyWrappingSpecification(wrappingMethod: .encrypt), .missingData),
        (specification("WRAPPING", mode: .aesKeyWrapPadding), .featureNotSupported),
        (specification("WRAPPING", mode: .cbc), .featureNotSupported),
        (specification("WRAPPING", encoding: .noEncoding, attributeNames: ["State"]), .encodingOptionError),
    ])
    func whatCannotBeWrappedGetsAClearRefusal(specification: KeyWrappingSpecification, reason: ResultReason) async throws {
        let keys = try await Self.keys()
        var specification = specification
        if specification.encryptionKeyInformation?.uniqueIdentifier == "WRAPPING" {
            specification.encryptionKeyInformation?.uniqueIdentifier = keys.wrapping
        }
        let refused = try await keys.fixture.fail(
            GetRequest(uniqueIdentifier: keys.target, keyWrappingSpecification: specification))
        #expect(refused.resultReason == reason)
    }

    @Test func theSpecificationAndWrappingDataSurviveTheCodec() throws {
        let specification = Self.specification("k-1", encoding: .ttlvEncoding, attributeNames: ["State"])
        #expect(try KeyWrappingSpecification(ttlv: specification.ttlv(version: .v1_4)) == specification)
        let data = KeyWrappingData(
            wrappingMethod: .encrypt, encryptionKeyInformation: EncryptionKeyInformation(uniqueIdentifier: "k-1"),
            ivCounterNonce: [1, 2, 3], encodingOption: .noEncoding)
        #expect(try KeyWrappingData(ttlv: data.ttlv(version: .v1_4)) == data)
        // KMIP 1.0 has no Encoding Option.
        #expect(data.ttlv(version: .v1_0).child(.encodingOption) == nil)
    }
}
