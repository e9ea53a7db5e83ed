import Foundation
import KMIP
import TTLV
import Testing

/// Every request and response payload survives encode → bytes → decode unchanged.
@Suite struct PayloadRoundTripTests {
    static let date = Date(timeIntervalSince1970: 1_700_000_000)
    static let key = SymmetricKeyObject(raw: Array(0..<32), algorithm: .aes)

    static let requests: [RequestPayload] = [
        .discoverVersions(DiscoverVersionsRequest()),
        .discoverVersions(DiscoverVersionsRequest(protocolVersions: ProtocolVersion.supported)),
        .query(QueryRequest(queryFunctions: [.queryOperations, .queryObjects, .queryServerInformation])),
        .create(CreateRequest(objectType: .symmetricKey, templateAttribute: TemplateAttribute(attributes: [
            Attribute(.cryptographicAlgorithm, CryptographicAlgorithm.aes),
            Attribute(.cryptographicLength, Int32(256)),
            Attribute(.cryptographicUsageMask, CryptographicUsageMask([.encrypt, .decrypt])),
            Attribute(.name, Name("vsan-key-1")),
            Attribute(.activationDate, date),
            Attribute(name: "x-Product_Version", value: .textString("8.0.2")),
        ]))),
        .register(RegisterRequest(
            objectType: .symmetricKey,
            templateAttribute: TemplateAttribute(attributes: [Attribute(.cryptographicUsageMask, CryptographicUsageMask.encrypt)]),
            object: .symmetricKey(key))),
        .register(RegisterRequest(
            objectType: .symmetricKey, templateAttribute: TemplateAttribute(),
            object: .symmetricKey(SymmetricKeyObject(raw: Array(repeating: 9, count: 16), algorithm: .aes, transparent: true)))),
        .get(GetRequest(uniqueIdentifier: "42", keyFormatType: .transparentSymmetricKey)),
        .get(GetRequest()),
        .getAttributes(GetAttributesRequest(uniqueIdentifier: "42", attributeNames: ["State", "x-Product_Version"])),
        .getAttributeList(GetAttributeListRequest(uniqueIdentifier: "42")),
        .addAttribute(AddAttributeRequest(uniqueIdentifier: "42", attribute: Attribute(name: "x-Vendor", value: .textString("VMware, Inc.")))),
        .modifyAttribute(ModifyAttributeRequest(uniqueIdentifier: nil, attribute: Attribute(name: "x-Vendor", index: 0, value: .integer(7)))),
        .deleteAttribute(DeleteAttributeRequest(uniqueIdentifier: "42", attributeName: "Name", attributeIndex: 1)),
        .activate(ActivateRequest(uniqueIdentifier: "42")),
        .revoke(RevokeRequest(uniqueIdentifier: "42", revocationReason: RevocationReason(code: .keyCompromise, message: "lost laptop"), compromiseOccurrenceDate: date)),
        .revoke(RevokeRequest(revocationReason: RevocationReason(code: .cessationOfOperation))),
        .destroy(DestroyRequest(uniqueIdentifier: "42")),
        .locate(LocateRequest(maximumItems: 10, offsetItems: 5, storageStatusMask: .onlineStorage, objectGroupMember: .groupMemberDefault, attributes: [
            Attribute(.name, Name("vsan-key-1")), Attribute(.objectType, ObjectType.symmetricKey),
            Attribute(.state, State.active), Attribute(.initialDate, date), Attribute(.initialDate, date.addingTimeInterval(60)),
        ])),
    ]

    static let responses: [ResponsePayload] = [
        .discoverVersions(DiscoverVersionsResponse(protocolVersions: ProtocolVersion.supported)),
        .query(QueryResponse(
            operations: RequestPayload.supportedOperations, objectTypes: [.symmetricKey], vendorIdentification: "kmipgw",
            serverInformation: [TTLVItem(Tag(0x540001), .textString("build 1"))], applicationNamespaces: ["ns"])),
        .create(CreateResponse(objectType: .symmetricKey, uniqueIdentifier: "42")),
        .create(CreateResponse(objectType: .symmetricKey, uniqueIdentifier: "42", templateAttribute: TemplateAttribute(attributes: [Attribute(.state, State.preActive)]))),
        .register(RegisterResponse(uniqueIdentifier: "43")),
        .get(GetResponse(objectType: .symmetricKey, uniqueIdentifier: "42", object: .symmetricKey(key))),
        .getAttributes(GetAttributesResponse(uniqueIdentifier: "42", attributes: [
            Attribute(.state, State.active), Attribute(.name, Name("a"), index: 0), Attribute(.name, Name("b"), index: 1),
            Attribute(.digest, Digest(hashingAlgorithm: .sha256, digestValue: Array(repeating: 1, count: 32), keyFormatType: .raw)),
            Attribute(.revocationReason, RevocationReason(code: .unspecified)),
            Attribute(.link, Link(type: .replacementObjectLink, linkedObjectIdentifier: "7")),
            Attribute(.cryptographicParameters, CryptographicParameters(blockCipherMode: .gcm, paddingMethod: nil)),
            Attribute(.applicationSpecificInformation, ApplicationSpecificInformation(applicationNamespace: "ssl", applicationData: "www.example.com")),
            Attribute(.fresh, true), Attribute(name: .leaseTime, value: .interval(5)),
        ])),
        .getAttributeList(GetAttributeListResponse(uniqueIdentifier: "42", attributeNames: ["State", "Name"])),
        .addAttribute(AddAttributeResponse(uniqueIdentifier: "42", attribute: Attribute(name: "x-Vendor", index: 0, value: .textString("VMware")))),
        .modifyAttribute(ModifyAttributeResponse(uniqueIdentifier: "42", attribute: Attribute(name: "x-Vendor", index: 0, value: .boolean(true)))),
        .deleteAttribute(DeleteAttributeResponse(uniqueIdentifier: "42", attribute: Attribute(name: "x-Vendor", index: 0, value: .byteString([1, 2])))),
        .activate(ActivateResponse(uniqueIdentifier: "42")),
        .revoke(RevokeResponse(uniqueIdentifier: "42")),
        .destroy(DestroyResponse(uniqueIdentifier: "42")),
        .locate(LocateResponse(locatedItems: 2, uniqueIdentifiers: ["1", "2"])),
        .locate(LocateResponse(locatedItems: 0, uniqueIdentifiers: [])),
    ]

    @Test(arguments: 0..<requests.count)
    func requestPayloadRoundTrips(index: Int) throws {
        let payload = Self.requests[index]
        let bytes = payload.ttlv(version: .v1_4).encodedBytes
        let decoded = try RequestPayload(operation: payload.operation, ttlv: TTLVDecoder().decode(bytes))
        #expect(decoded == payload)
        #expect(decoded.ttlv(version: .v1_4).encodedBytes == bytes)
    }

    @Test(arguments: 0..<responses.count)
    func responsePayloadRoundTrips(index: Int) throws {
        let payload = Self.responses[index]
        let item = payload.ttlv(version: .v1_4)
        let operation: KMIP.Operation = try #require(Self.operation(of: payload))
        let decoded = try ResponsePayload(operation: operation, ttlv: TTLVDecoder().decode(item.encodedBytes))
        #expect(decoded == payload)
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
                .success(Self.responses[0], operation: .discoverVersions, uniqueBatchItemID: [1]),
                .failure(.itemNotFound, "no object 42 for this adapter", operation: .get, uniqueBatchItemID: [2]),
            ])
        #expect(try ResponseMessage(bytes: response.encoded()) == response)
    }

    static func operation(of payload: ResponsePayload) -> KMIP.Operation? {
        switch payload {
        case .discoverVersions: .discoverVersions
        case .query: .query
        case .create: .create
        case .register: .register
        case .get: .get
        case .getAttributes: .getAttributes
        case .getAttributeList: .getAttributeList
        case .addAttribute: .addAttribute
        case .modifyAttribute: .modifyAttribute
        case .deleteAttribute: .deleteAttribute
        case .activate: .activate
        case .revoke: .revoke
        case .destroy: .destroy
        case .locate: .locate
        case .raw: nil
        }
    }
}
