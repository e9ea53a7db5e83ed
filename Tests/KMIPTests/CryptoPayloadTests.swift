import Foundation
import KMIP
import TTLV
import TestSupport
import Testing

/// The payloads of the cryptographic operations (Encrypt, Decrypt, MAC, MAC Verify, RNG
/// Retrieve, Re-key), the Secret Data and Opaque Object managed objects, and the full
/// Cryptographic Parameters: bytes round trips, version gates, and the OASIS KMIP 1.4 test cases
/// that carry them, decoded and re-encoded to the same bytes.
@Suite struct CryptoPayloadTests {
    static let parameters = CryptographicParameters(
        blockCipherMode: .gcm, paddingMethod: PaddingMethod.none, hashingAlgorithm: .sha256, keyRoleType: .dek,
        digitalSignatureAlgorithm: .sha256WithRSAEncryption, cryptographicAlgorithm: .aes, randomIV: true, ivLength: 96,
        tagLength: 16, fixedFieldLength: 32, invocationFieldLength: 64, counterLength: 32, initialCounterValue: 1,
        saltLength: 32, maskGenerator: .mgf1, maskGeneratorHashingAlgorithm: .sha256, pSource: [1, 2, 3], trailerField: 1)

    static let requests: [any KMIPRequestPayload] = [
        EncryptRequest(
            uniqueIdentifier: "1", cryptographicParameters: parameters, data: Array(0..<96), ivCounterNonce: Array(0..<12),
            correlationValue: [9], initIndicator: true, finalIndicator: false, authenticatedEncryptionAdditionalData: [7, 7]),
        EncryptRequest(data: []),
        DecryptRequest(
            uniqueIdentifier: "1", cryptographicParameters: CryptographicParameters(blockCipherMode: .cbc, paddingMethod: .pkcs5),
            data: Array(0..<32), ivCounterNonce: Array(0..<16), correlationValue: [1], initIndicator: false,
            finalIndicator: true, authenticatedEncryptionAdditionalData: [5], authenticatedEncryptionTag: Array(0..<16)),
        DecryptRequest(),
        MACRequest(
            uniqueIdentifier: "2", cryptographicParameters: CryptographicParameters(cryptographicAlgorithm: .hmacSHA256),
            data: [1, 2, 3], correlationValue: [4], initIndicator: true, finalIndicator: true),
        MACVerifyRequest(
            uniqueIdentifier: "2", data: [1, 2, 3], macData: Array(repeating: 0xAA, count: 32), correlationValue: [4],
            initIndicator: false, finalIndicator: false),
        RNGRetrieveRequest(dataLength: 32),
        ReKeyRequest(uniqueIdentifier: "3", offset: 3600, templateAttribute: TemplateAttribute(attributes: [
            Attribute(.activationDate, Date(timeIntervalSince1970: 1_700_000_000)),
        ])),
        ReKeyRequest(),
    ]

    static let responses: [any KMIPResponsePayload] = [
        EncryptResponse(
            uniqueIdentifier: "1", data: [1, 2], ivCounterNonce: Array(0..<16), correlationValue: [3],
            authenticatedEncryptionTag: Array(0..<16)),
        EncryptResponse(uniqueIdentifier: "1"),
        DecryptResponse(uniqueIdentifier: "1", data: [1, 2], correlationValue: [3]),
        MACResponse(uniqueIdentifier: "2", macData: Array(repeating: 1, count: 32), correlationValue: [3]),
        MACVerifyResponse(uniqueIdentifier: "2", validityIndicator: .invalid, correlationValue: [3]),
        RNGRetrieveResponse(data: Array(0..<32)),
        ReKeyResponse(uniqueIdentifier: "4", templateAttribute: TemplateAttribute(attributes: [Attribute(.state, State.preActive)])),
        ReKeyResponse(uniqueIdentifier: "4"),
    ]

    static func roundTrip<P: KMIPStructure>(_ payload: P, version: ProtocolVersion = .v1_4) throws -> P {
        try P(ttlv: TTLVDecoder().decode(payload.ttlv(version: version).encodedBytes))
    }

    @Test func requestsRoundTripThroughBytes() throws {
        for request in Self.requests {
            func check<P: KMIPRequestPayload>(_ payload: P) throws {
                #expect(try Self.roundTrip(payload) == payload, "\(P.operation)")
            }
            try check(request)
        }
    }

    @Test func responsesRoundTripThroughBytes() throws {
        for response in Self.responses {
            func check<P: KMIPResponsePayload>(_ payload: P) throws {
                #expect(try Self.roundTrip(payload) == payload, "\(P.operation)")
            }
            try check(response)
        }
    }

    @Test func everyCryptographicParameterRoundTrips() throws {
        #expect(try Self.roundTrip(Self.parameters) == Self.parameters)
    }

    @Test func cryptographicParametersWriteOnlyWhatAVersionDefines() throws {
        let v1_3 = try Self.roundTrip(Self.parameters, version: .v1_3)
        #expect(v1_3.randomIV == true && v1_3.tagLength == 16 && v1_3.initialCounterValue == 1)
        #expect(v1_3.saltLength == nil && v1_3.maskGenerator == nil && v1_3.pSource == nil && v1_3.trailerField == nil)
        let v1_1 = try Self.roundTrip(Self.parameters, version: .v1_1)
        #expect(v1_1 == CryptographicParameters(
            blockCipherMode: .gcm, paddingMethod: PaddingMethod.none, hashingAlgorithm: .sha256, keyRoleType: .dek))
    }

    @Test func cryptographicParametersReadFieldsInAnyOrderAndRefuseStrangers() throws {
        let shuffled = TTLVItem.structure(.cryptographicParameters, [
            TTLVItem(.tagLength, Int32(12)), TTLVItem(.randomIV, true), TTLVItem(.blockCipherMode, BlockCipherMode.gcm),
        ])
        let parameters = try CryptographicParameters(ttlv: shuffled)
        #expect(parameters == CryptographicParameters(blockCipherMode: .gcm, randomIV: true, tagLength: 12))
        let stranger = TTLVItem.structure(.cryptographicParameters, [TTLVItem(.data, [UInt8]([1]))])
        #expect(throws: KMIPDecodingError.self) { try CryptographicParameters(ttlv: stranger) }
    }

    @Test func streamingAndAuthenticatedFieldsAreGatedByVersion() throws {
        let request = try #require(Self.requests[0] as? EncryptRequest)
        let v1_2 = try Self.roundTrip(request, version: .v1_2)
        #expect(v1_2.correlationValue == nil && v1_2.initIndicator == nil && v1_2.finalIndicator == nil)
        #expect(v1_2.authenticatedEncryptionAdditionalData == nil)
        #expect(v1_2.data == request.data && v1_2.ivCounterNonce == request.ivCounterNonce)
        let v1_3 = try Self.roundTrip(request, version: .v1_3)
        #expect(v1_3.correlationValue == [9] && v1_3.initIndicator == true)
        #expect(v1_3.authenticatedEncryptionAdditionalData == nil)

        let decrypt = try #require(Self.requests[2] as? DecryptRequest)
        let decrypt1_3 = try Self.roundTrip(decrypt, version: .v1_3)
        #expect(decrypt1_3.authenticatedEncryptionTag == nil && decrypt1_3.correlationValue == [1])
        let response = try #require(Self.responses[0] as? EncryptResponse)
        let response1_3 = try Self.roundTrip(response, version: .v1_3)
        #expect(response1_3.authenticatedEncryptionTag == nil && response1_3.ivCounterNonce == response.ivCounterNonce)
    }

    @Test func requiredFieldsAreRequired() throws {
        #expect(throws: KMIPDecodingError.self) { try RNGRetrieveRequest(ttlv: .structure(.requestPayload, [])) }
        #expect(throws: KMIPDecodingError.self) { try RNGRetrieveResponse(ttlv: .structure(.responsePayload, [])) }
        #expect(throws: KMIPDecodingError.self) {
            try MACVerifyResponse(ttlv: .structure(.responsePayload, [TTLVItem(.uniqueIdentifier, "1")]))
        }
        #expect(throws: KMIPDecodingError.self) { try EncryptResponse(ttlv: .structure(.responsePayload, [])) }
        #expect(throws: KMIPDecodingError.self) {
            try EncryptRequest(ttlv: .structure(.requestPayload, [TTLVItem(.macData, [UInt8]([1]))]))
        }
    }

    @Test func reKeyOffsetIsAnInterval() throws {
        let wrong = TTLVItem.structure(.requestPayload, [TTLVItem(.offset, Int32(3600))])
        let error = try #require(throws: KMIPDecodingError.self) { try ReKeyRequest(ttlv: wrong) }
        #expect(error.code == .wrongType)
        let right = TTLVItem.structure(.requestPayload, [TTLVItem(.offset, .interval(3600))])
        #expect(try ReKeyRequest(ttlv: right).offset == 3600)
    }

    // MARK: - Managed objects

    @Test func secretDataAndOpaqueObjectsRegisterAndGet() throws {
        let password = SecretData(.password, bytes: Array("correct horse".utf8))
        #expect(password.keyBlock.keyFormatType == .opaque)
        #expect(password.keyBlock.keyValue.keyBytes == Array("correct horse".utf8))
        let opaque = OpaqueObject(opaqueDataType: OpaqueDataType(rawValue: 0x8000_0001), opaqueDataValue: [1, 2, 3])
        let objects: [(ObjectType, ManagedObject)] = [
            (.secretData, .secretData(password)),
            (.secretData, .secretData(SecretData(.seed, bytes: Array(repeating: 7, count: 48)))),
            (.opaqueObject, .opaqueObject(opaque)),
            (.symmetricKey, .symmetricKey(SymmetricKeyObject(raw: Array(0..<32), algorithm: .aes))),
        ]
        for (type, object) in objects {
            #expect(object.objectType == type)
            let register = RegisterRequest(objectType: type, templateAttribute: TemplateAttribute(), object: object)
            #expect(try Self.roundTrip(register).object == object)
            let get = GetResponse(objectType: type, uniqueIdentifier: "9", object: object)
            #expect(try Self.roundTrip(get).object == object)
        }
    }

    @Test func objectsOfOtherTypesAreKeptAsTheirItems() throws {
        let certificate = TTLVItem.structure(.certificate, [TTLVItem(.certificateValue, [UInt8]([0x30]))])
        let register = try RegisterRequest(ttlv: .structure(.requestPayload, [
            TTLVItem(.objectType, ObjectType.certificate), TemplateAttribute().ttlv(version: .v1_4), certificate,
        ]))
        #expect(register.object == .other(certificate))
        #expect(register.object.objectType == .certificate)
    }

    @Test func secretDataNeedsItsTypeAndKeyBlock() {
        let noType = TTLVItem.structure(.secretData, [SecretData(.seed, bytes: [1]).keyBlock.ttlv(version: .v1_4)])
        #expect(throws: KMIPDecodingError.self) { try SecretData(ttlv: noType) }
        let noValue = TTLVItem.structure(.opaqueObject, [TTLVItem(.opaqueDataType, OpaqueDataType.none)])
        #expect(throws: KMIPDecodingError.self) { try OpaqueObject(ttlv: noValue) }
    }

    // MARK: - OASIS KMIP 1.4 test cases

    /// The replayed cases (`oasis/`) and those for operations kmipgw does not perform yet (`oasis-crypto/`).
    static let files = ((try? Vectors.files("oasis", withExtension: "xml")) ?? [])
        + ((try? Vectors.files("oasis-crypto", withExtension: "xml")) ?? [])

    static func messages(_ name: String) throws -> [TTLVItem] {
        let file = try #require(files.first { $0.lastPathComponent == name }, "\(name) is missing")
        return try KMIPXMLReader().messages(in: Data(contentsOf: file))
    }

    /// The request payloads of `operation` in the file, decoded as `P`, each checked to re-encode
    /// to its own bytes.
    static func requests<P: KMIPRequestPayload>(_ type: P.Type, in name: String) throws -> [P] {
        try messages(name).filter { $0.tag == .requestMessage }.map { try RequestMessage(ttlv: $0) }
            .flatMap { message in message.batchItems.map { (message.header.protocolVersion, $0) } }
            .filter { $0.1.operation == P.operation }
            .map { version, item -> P in
                let payload = try P(ttlv: item.payloadItem)
                #expect(payload.ttlv(version: version).encodedBytes == item.payloadItem.encodedBytes, "\(name) \(P.operation)")
                return payload
            }
    }

    /// The successful response payloads of `operation` in the file, decoded as `P`.
    static func responses<P: KMIPResponsePayload>(_ type: P.Type, in name: String) throws -> [P] {
        try messages(name).filter { $0.tag == .responseMessage }.map { try ResponseMessage(ttlv: $0) }
            .flatMap { message in message.batchItems.map { (message.header.protocolVersion, $0) } }
            .filter { $0.1.operation == P.operation && $0.1.resultStatus == .success }
            .map { version, item -> P in
                let payloadItem = try #require(item.payloadItem)
                let payload = try item.payload(as: P.self)
                #expect(payload.ttlv(version: version).encodedBytes == payloadItem.encodedBytes, "\(name) \(P.operation)")
                return payload
            }
    }

    @Test func theGCMCaseDecodes() throws {
        let name = "CS-BC-M-GCM-1-14.xml"
        let encrypts = try Self.requests(EncryptRequest.self, in: name)
        #expect(encrypts.count == 3)
        #expect(encrypts[0].cryptographicParameters == CryptographicParameters(blockCipherMode: .gcm, tagLength: 16))
        #expect(encrypts[0].data == Array(repeating: 0, count: 16))
        #expect(encrypts[0].ivCounterNonce == Array(repeating: 0, count: 12))
        #expect(encrypts.map { $0.cryptographicParameters?.tagLength } == [16, 1, 32])
        let encrypted = try Self.responses(EncryptResponse.self, in: name)
        #expect(encrypted.first?.data == hex("0388dace60b6a392f328c2b971b2fe78"))
        #expect(encrypted.first?.authenticatedEncryptionTag == hex("ab6e47d42cec13bdf53a67b21257bddf"))
        let decrypts = try Self.requests(DecryptRequest.self, in: name)
        #expect(decrypts.count == 5)
        #expect(decrypts[0].authenticatedEncryptionTag == hex("ab6e47d42cec13bdf53a67b21257bddf"))
        #expect(decrypts[4].authenticatedEncryptionTag == hex("ab6e47d42cec13bdf53a67b2"))
        let decrypted = try Self.responses(DecryptResponse.self, in: name)
        #expect(decrypted.map(\.data) == [Array(repeating: 0, count: 16), Array(repeating: 0, count: 16)])
        let failures = try Self.messages(name).filter { $0.tag == .responseMessage }
            .flatMap { try ResponseMessage(ttlv: $0).batchItems }.filter { $0.resultStatus == .operationFailed }
        #expect(failures.prefix(3).allSatisfy { $0.resultReason == .cryptographicFailure })
    }

    @Test func theCBCCaseDecodes() throws {
        let name = "CS-BC-M-11-14.xml"
        let encrypts = try Self.requests(EncryptRequest.self, in: name)
        #expect(encrypts.first?.cryptographicParameters == CryptographicParameters(blockCipherMode: .cbc, paddingMethod: .pkcs5))
        #expect(encrypts.first?.ivCounterNonce == hex("ff020304050607080910111213141516"))
        let encrypted = try Self.responses(EncryptResponse.self, in: name)
        #expect(encrypted.first?.data == hex("e768203ba72b6e157daaad34b1e791d8e88457dc147942f01bfaff7b28a3cdde2203d4d5a4c7928ba9e9cc78b66a6546"))
        #expect(try Self.requests(DecryptRequest.self, in: name).count == 3)
        #expect(try Self.responses(DecryptResponse.self, in: name).count == 2)
    }

    @Test func theMACCaseDecodes() throws {
        let name = "CS-AC-M-4-14.xml"
        let macs = try Self.requests(MACRequest.self, in: name)
        #expect(macs.count == 1)
        #expect(macs.first?.data == hex("01020304050607080910111213141516"))
        #expect(macs.first?.cryptographicParameters == nil)
        let results = try Self.responses(MACResponse.self, in: name)
        #expect(results.first?.macData == hex("c911e78196d64c30f631bb079ea37b97a95936d4da764d6a171df030c895ecf9"))
    }

    @Test func theRandomNumberCaseDecodes() throws {
        let name = "CS-RNG-M-1-14.xml"
        #expect(try Self.requests(RNGRetrieveRequest.self, in: name) == [RNGRetrieveRequest(dataLength: 32)])
        #expect(try Self.responses(RNGRetrieveResponse.self, in: name).first?.data.count == 32)
    }

    @Test func theOpaqueObjectCaseDecodes() throws {
        let name = "OMOS-M-1-14.xml"
        let registers = try Self.requests(RegisterRequest.self, in: name)
        let opaque = registers.compactMap { register -> OpaqueObject? in
            guard case .opaqueObject(let object) = register.object else { return nil }
            return object
        }
        #expect(opaque.count == registers.count && !opaque.isEmpty)
        #expect(opaque.first?.opaqueDataType == OpaqueDataType(rawValue: 0x8000_0001))
        #expect(opaque.first?.opaqueDataValue == Array("SecretPassword".utf8))
    }

    @Test func theReKeyCaseDecodes() throws {
        let name = "TC_94_12_Create_Key_Re_key_with_New_Life_cycle.xml"
        let reKeys = try Self.requests(ReKeyRequest.self, in: name)
        #expect(reKeys.count == 1)
        #expect(reKeys.first?.offset == nil)
        #expect(reKeys.first?.templateAttribute?.attributes.map(\.name)
            == ["Activation Date", "Process Start Date", "Protect Stop Date", "Deactivation Date"])
        let replaced = try Self.responses(ReKeyResponse.self, in: name)
        #expect(replaced.map(\.uniqueIdentifier) == ["$UNIQUE_IDENTIFIER_1"])
    }

    @Test func theSecretDataCaseDecodesAsSecretData() throws {
        let file = try #require(try Vectors.files("oasis", withExtension: "xml").first { $0.lastPathComponent == "SASED-M-2-14.xml" })
        let registers = try KMIPXMLReader().messages(in: Data(contentsOf: file)).filter { $0.tag == .requestMessage }
            .flatMap { try RequestMessage(ttlv: $0).batchItems }.filter { $0.operation == .register }
            .map { try RegisterRequest(ttlv: $0.payloadItem) }
        guard case .secretData(let secret)? = registers.first?.object else {
            Issue.record("SASED-M-2-14 registers no Secret Data")
            return
        }
        #expect(secret.secretDataType == .password)
        #expect(secret.keyBlock.keyFormatType == .opaque)
        #expect(secret.keyBlock.keyValue.keyBytes?.isEmpty == false)
    }
}

/// Test vectors are written in hexadecimal, as their sources print them.
private func hex(_ string: String) -> [UInt8] {
    TTLVText.bytes(fromHex: string)!
}
