import Foundation
import KMIP
import TTLV
import Testing

/// Every request and response payload survives encode → bytes → decode unchanged.
@Suite struct PayloadRoundTripTests {
    static let date = Date(timeIntervalSince1970: 1_700_000_000)
    static let key = SymmetricKeyObject(raw: Array(0..<32), algorithm: .aes)

    static let requests: [any KMIPRequestPayload] = [
        DiscoverVersionsRequest(),
        DiscoverVersionsRequest(protocolVersions: ProtocolVersion.supported),
        QueryRequest(queryFunctions: [.queryOperations, .queryObjects, .queryServerInformation]),
        CreateRequest(objectType: .symmetricKey, templateAttribute: TemplateAttribute(attributes: [
            Attribute(.cryptographicAlgorithm, CryptographicAlgorithm.aes),
            Attribute(.cryptographicLength, Int32(256)),
            Attribute(.cryptographicUsageMask, CryptographicUsageMask([.encrypt, .decrypt])),
            Attribute(.name, Name("vsan-key-1")),
            Attribute(.activationDate, date),
            Attribute(name: "x-Product_Version", value: .textString("8.0.2")),
        ])),
        RegisterRequest(
            objectType: .symmetricKey,
            templateAttribute: TemplateAttribute(attributes: [Attribute(.cryptographicUsageMask, CryptographicUsageMask.encrypt)]),
            object: .symmetricKey(key)),
        RegisterRequest(
            objectType: .symmetricKey, templateAttribute: TemplateAttribute(),
            object: .symmetricKey(SymmetricKeyObject(raw: Array(repeating: 9, count: 16), algorithm: .aes, transparent: true))),
        GetRequest(uniqueIdentifier: "42", keyFormatType: .transparentSymmetricKey),
        GetRequest(),
        GetAttributesRequest(uniqueIdentifier: "42", attributeNames: ["State", "x-Product_Version"]),
        GetAttributeListRequest(uniqueIdentifier: "42"),
        AddAttributeRequest(uniqueIdentifier: "42", attribute: Attribute(name: "x-Vendor", value: .textString("VMware, Inc."))),
        ModifyAttributeRequest(uniqueIdentifier: nil, attribute: Attribute(name: "x-Vendor", index: 0, value: .integer(7))),
        DeleteAttributeRequest(uniqueIdentifier: "42", attributeName: "Name", attributeIndex: 1),
        ActivateRequest(uniqueIdentifier: "42"),
        RevokeRequest(uniqueIdentifier: "42", revocationReason: RevocationReason(code: .keyCompromise, message: "lost laptop"), compromiseOccurrenceDate: date),
        RevokeRequest(revocationReason: RevocationReason(code: .cessationOfOperation)),
        DestroyRequest(uniqueIdentifier: "42"),
        LocateRequest(maximumItems: 10, offsetItems: 5, storageStatusMask: .onlineStorage, objectGroupMember: .groupMemberDefault, attributes: [
            Attribute(.name, Name("vsan-key-1")), Attribute(.objectType, ObjectType.symmetricKey),
            Attribute(.state, State.active), Attribute(.initialDate, date), Attribute(.initialDate, date.addingTimeInterval(60)),
        ]),
    ]

    static let responses: [any KMIPResponsePayload] = [
        DiscoverVersionsResponse(protocolVersions: ProtocolVersion.supported),
        QueryResponse(
            operations: [.discoverVersions, .query, .create, .get, .locate], objectTypes: [.symmetricKey], vendorIdentification: "kmipgw",
            serverInformation: [TTLVItem(Tag(0x540001), .textString("build 1"))], applicationNamespaces: ["ns"]),
        CreateResponse(objectType: .symmetricKey, uniqueIdentifier: "42"),
        CreateResponse(objectType: .symmetricKey, uniqueIdentifier: "42", templateAttribute: TemplateAttribute(attributes: [Attribute(.state, State.preActive)])),
        RegisterResponse(uniqueIdentifier: "43"),
        GetResponse(objectType: .symmetricKey, uniqueIdentifier: "42", object: .symmetricKey(key)),
        GetAttributesResponse(uniqueIdentifier: "42", attributes: [
            Attribute(.state, State.active), Attribute(.name, Name("a"), index: 0), Attribute(.name, Name("b"), index: 1),
            Attribute(.digest, Digest(hashingAlgorithm: .sha256, digestValue: Array(repeating: 1, count: 32), keyFormatType: .raw)),
            Attribute(.revocationReason, RevocationReason(code: .unspecified)),
            Attribute(.link, Link(type: .replacementObjectLink, linkedObjectIdentifier: "7")),
            Attribute(.cryptographicParameters, CryptographicParameters(blockCipherMode: .gcm, paddingMethod: nil)),
            Attribute(.applicationSpecificInformation, ApplicationSpecificInformation(applicationNamespace: "ssl", applicationData: "www.example.com")),
            Attribute(.fresh, true), Attribute(name: .leaseTime, value: .interval(5)),
        ]),
        GetAttributeListResponse(uniqueIdentifier: "42", attributeNames: ["State", "Name"]),
        AddAttributeResponse(uniqueIdentifier: "42", attribute: Attribute(name: "x-Vendor", index: 0, value: .textString("VMware"))),
        ModifyAttributeResponse(uniqueIdentifier: "42", attribute: Attribute(name: "x-Vendor", index: 0, value: .boolean(true))),
        DeleteAttributeResponse(uniqueIdentifier: "42", attribute: Attribute(name: "x-Vendor", index: 0, value: .byteString([1, 2]))),
        ActivateResponse(uniqueIdentifier: "42"),
        RevokeResponse(uniqueIdentifier: "42"),
        DestroyResponse(uniqueIdentifier: "42"),
        LocateResponse(locatedItems: 2, uniqueIdentifiers: ["1", "2"]),
        LocateResponse(locatedItems: 0, uniqueIdentifiers: []),
    ]

    @Test(arguments: 0..<requests.count)
    func requestPayloadRoundTrips(index: Int) throws {
        try Self.expectRoundTrip(Self.requests[index])
    }

    @Test(arguments: 0..<responses.count)
    func responsePayloadRoundTrips(index: Int) throws {
        try Self.expectRoundTrip(Self.responses[index])
    }

    static func expectRoundTrip<Payload: KMIPStructure>(_ payload: Payload, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let bytes = payload.ttlv(version: .v1_4).encodedBytes
        let decoded = try Payload(ttlv: TTLVDecoder().decode(bytes))
        #expect(decoded == payload, sourceLocation: sourceLocation)
        #expect(decoded.ttlv(version: .v1_4).encodedBytes == bytes, sourceLocation: sourceLocation)
    }

    @Test func wholeMessagesRoundTrip() throws {
        let request = RequestMessage(
            version: .v1_2, payloads: Array(Self.requests.prefix(4)),
            authentication: Authentication(credentials: [.usernameAndPassword(username: "vc", password: "pw")]))
        #expect(request.batchItems.map(\.uniqueBatchItemID) == [[1], [2], [3], [4]])
        let decoded = try RequestMessage(bytes: request.encoded())
        #expect(decoded == request)
        let response = ResponseMessage(
            header: ResponseHeader(protocolVersion: .v1_2, timeStamp: Self.date, batchCount: 2),
            batchItems: [
                .success(payloadItem: Self.responses[0].ttlv(version: .v1_2), operation: .discoverVersions, uniqueBatchItemID: [1]),
                .failure(.itemNotFound, "no object 42 for this adapter", operation: .get, uniqueBatchItemID: [2]),
            ])
        #expect(try ResponseMessage(bytes: response.encoded()) == response)
    }
}
