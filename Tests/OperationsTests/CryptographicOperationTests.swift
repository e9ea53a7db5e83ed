import Foundation
import KMIP
import Operations
import TTLV
import TestSupport
import Testing

/// Encrypt, Decrypt, MAC, MAC Verify and RNG Retrieve through the request processor: the
/// engine's answers reach the client, and the key's adapter, usage mask and state decide first.
@Suite struct CryptographicOperationTests {
    static let cbc = CryptographicParameters(blockCipherMode: .cbc, paddingMethod: .pkcs5, randomIV: true)

    func activeKey(_ fixture: OperationsFixture, usage: CryptographicUsageMask = [.encrypt, .decrypt]) async throws -> String {
        let id = try await fixture.createKey(usageMask: usage)
        try await fixture.succeed(ActivateRequest(uniqueIdentifier: id))
        return id
    }

    /// libmongocrypt's delegated mode: AES-CBC, PKCS5, Random IV over 96 bytes; the IV comes back.
    @Test func cbcWithARandomIVRoundTripsAndReturnsTheIV() async throws {
        let fixture = try await OperationsFixture.make()
        let id = try await activeKey(fixture)
        let plaintext = (0..<96).map { UInt8($0) }
        let encrypted = try await fixture.succeed(
            EncryptRequest(uniqueIdentifier: id, cryptographicParameters: Self.cbc, data: plaintext), version: .v1_2
        ).payload(as: EncryptResponse.self)
        let iv = try #require(encrypted.ivCounterNonce)
        #expect(iv.count == 16)
        #expect(encrypted.data?.count == 112)
        #expect(encrypted.data != plaintext)
        let decrypted = try await fixture.succeed(
            DecryptRequest(
                uniqueIdentifier: id, cryptographicParameters: CryptographicParameters(blockCipherMode: .cbc, paddingMethod: .pkcs5),
                data: encrypted.data, ivCounterNonce: iv),
            version: .v1_2
        ).payload(as: DecryptResponse.self)
        #expect(decrypted.data == plaintext)
    }

    @Test func gcmAuthenticatesTheAdditionalDataAndATamperedTagIsRefused() async throws {
        let fixture = try await OperationsFixture.make()
        let id = try await activeKey(fixture)
        let gcm = CryptographicParameters(blockCipherMode: .gcm, randomIV: true, tagLength: 16)
        let aad = Array("header".utf8)
        let encrypted = try await fixture.succeed(
            EncryptRequest(uniqueIdentifier: id, cryptographicParameters: gcm, data: Array(repeating: 7, count: 1024),
                authenticatedEncryptionAdditionalData: aad)
        ).payload(as: EncryptResponse.self)
        let tag = try #require(encrypted.authenticatedEncryptionTag)
        let decrypt = { (tag: [UInt8]) in
            DecryptRequest(
                uniqueIdentifier: id, cryptographicParameters: CryptographicParameters(blockCipherMode: .gcm, tagLength: 16),
                data: encrypted.data, ivCounterNonce: encrypted.ivCounterNonce, authenticatedEncryptionAdditionalData: aad,
                authenticatedEncryptionTag: tag)
        }
        let decrypted = try await fixture.succeed(decrypt(tag)).payload(as: DecryptResponse.self)
        #expect(decrypted.data == Array(repeating: 7, count: 1024))
        var forged = tag
        forged[0] ^= 1
        let refused = try await fixture.fail(decrypt(forged))
        #expect(refused.resultReason == .cryptographicFailure)
    }

    @Test func theUsageMaskDecides() async throws {
        let fixture = try await OperationsFixture.make()
        let decryptOnly = try await activeKey(fixture, usage: [.decrypt])
        let refused = try await fixture.fail(EncryptRequest(uniqueIdentifier: decryptOnly, cryptographicParameters: Self.cbc, data: [1]))
        // KMIP 1.x has no Incompatible Cryptographic Usage Mask: it answers Permission Denied.
        #expect(refused.resultReason == .permissionDenied)
        #expect(refused.resultMessage?.contains("Usage Mask") == true)
        let noMAC = try await fixture.fail(MACRequest(
            uniqueIdentifier: decryptOnly, cryptographicParameters: CryptographicParameters(cryptographicAlgorithm: .hmacSHA256), data: [1]))
        #expect(noMAC.resultReason == .permissionDenied)
    }

    /// Protect only with an Active key; a Deactivated or Compromised key still decrypts.
    @Test func theLifecycleDecides() async throws {
        let fixture = try await OperationsFixture.make()
        let preActive = try await fixture.createKey()
        let early = try await fixture.fail(EncryptRequest(uniqueIdentifier: preActive, cryptographicParameters: Self.cbc, data: [1]))
        #expect(early.resultReason == .permissionDenied)
        #expect(early.resultMessage?.contains("PreActive") == true)

        let id = try await activeKey(fixture)
        let encrypted = try await fixture.succeed(EncryptRequest(uniqueIdentifier: id, cryptographicParameters: Self.cbc, data: [9, 9]))
            .payload(as: EncryptResponse.self)
        try await fixture.succeed(RevokeRequest(uniqueIdentifier: id, revocationReason: RevocationReason(code: .keyCompromise)))
        let late = try await fixture.fail(EncryptRequest(uniqueIdentifier: id, cryptographicParameters: Self.cbc, data: [1]))
        #expect(late.resultReason == .permissionDenied)
        let decrypted = try await fixture.succeed(DecryptRequest(
            uniqueIdentifier: id, cryptographicParameters: CryptographicParameters(blockCipherMode: .cbc, paddingMethod: .pkcs5),
            data: encrypted.data, ivCounterNonce: encrypted.ivCounterNonce)).payload(as: DecryptResponse.self)
        #expect(decrypted.data == [9, 9])
    }

    @Test func anotherAdaptersKeyDoesNotExist() async throws {
        let fixture = try await OperationsFixture.make()
        let id = try await activeKey(fixture)
        let refused = try await fixture.fail(
            EncryptRequest(uniqueIdentifier: id, cryptographicParameters: Self.cbc, data: [1]), as: fixture.other)
        #expect(refused.resultReason == .itemNotFound)
    }

    @Test func macAndMACVerifyWithHMAC() async throws {
        let fixture = try await OperationsFixture.make()
        let id = try await activeKey(fixture, usage: [.macGenerate, .macVerify])
        let hmac = CryptographicParameters(cryptographicAlgorithm: .hmacSHA256)
        let data = Array("the data".utf8)
        let mac = try await fixture.succeed(MACRequest(uniqueIdentifier: id, cryptographicParameters: hmac, data: data))
            .payload(as: MACResponse.self)
        let macData = try #require(mac.macData)
        #expect(macData.count == 32)
        let valid = try await fixture.succeed(MACVerifyRequest(uniqueIdentifier: id, cryptographicParameters: hmac, data: data, macData: macData))
            .payload(as: MACVerifyResponse.self)
        #expect(valid.validityIndicator == .valid)
        var wrong = macData
        wrong[5] ^= 0x80
        let invalid = try await fixture.succeed(MACVerifyRequest(uniqueIdentifier: id, cryptographicParameters: hmac, data: data, macData: wrong))
            .payload(as: MACVerifyResponse.self)
        #expect(invalid.validityIndicator == .invalid)
    }

    @Test func rngRetrieveAndStreamingIsRefused() async throws {
        let fixture = try await OperationsFixture.make()
        let random = try await fixture.succeed(RNGRetrieveRequest(dataLength: 32)).payload(as: RNGRetrieveResponse.self)
        #expect(random.data.count == 32)
        let tooMuch = try await fixture.fail(RNGRetrieveRequest(dataLength: 1 << 20))
        #expect(tooMuch.resultReason == .invalidField)
        let id = try await activeKey(fixture)
        let streaming = try await fixture.fail(
            EncryptRequest(uniqueIdentifier: id, cryptographicParameters: Self.cbc, data: [1], initIndicator: true, finalIndicator: false))
        #expect(streaming.resultReason == .operationNotSupported)
    }

    @Test func query12ListsTheCryptographicOperations() async throws {
        let fixture = try await OperationsFixture.make()
        let query = try await fixture.succeed(QueryRequest(queryFunctions: [.queryOperations]), version: .v1_2)
            .payload(as: QueryResponse.self)
        for operation in [Operation.encrypt, .decrypt, .mac, .macVerify, .rngRetrieve] {
            #expect(query.operations.contains(operation))
        }
    }
}
