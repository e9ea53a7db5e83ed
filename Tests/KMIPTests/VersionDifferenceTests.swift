import Foundation
import KMIP
import TTLV
import Testing

/// What each protocol version lacks is neither written for it nor required from it.
@Suite struct VersionDifferenceTests {
    @Test func locateOffsetItemsAndLocatedItemsAreKMIP13() throws {
        let request = LocateRequest(maximumItems: 5, offsetItems: 10, objectGroupMember: .groupMemberFresh, attributes: [])
        #expect(request.ttlv(version: .v1_3).child(.offsetItems) != nil)
        #expect(request.ttlv(version: .v1_2).child(.offsetItems) == nil)
        #expect(request.ttlv(version: .v1_1).child(.objectGroupMember) != nil)
        #expect(request.ttlv(version: .v1_0).child(.objectGroupMember) == nil)
        let response = LocateResponse(locatedItems: 12, uniqueIdentifiers: ["a"])
        #expect(response.ttlv(version: .v1_4).child(.locatedItems) != nil)
        #expect(response.ttlv(version: .v1_2).child(.locatedItems) == nil)
    }

    @Test func aLaterFieldSentByAnOlderClientStillDecodes() throws {
        // Some 1.2 clients send Offset Items anyway; reading it costs nothing and loses nothing.
        let item = TTLVItem.structure(.requestPayload, [TTLVItem(.maximumItems, .integer(1)), TTLVItem(.offsetItems, .integer(2))])
        #expect(try LocateRequest(ttlv: item).offsetItems == 2)
    }

    @Test func queryAnswersOnlyWhatTheVersionDefines() {
        let response = QueryResponse(
            operations: [.query], objectTypes: [.symmetricKey], vendorIdentification: "kmipgw",
            extensionInformation: [.structure(.extensionInformation, [TTLVItem(.extensionName, .textString("x"))])],
            attestationTypes: [.tpmQuote], clientRegistrationMethods: [.clientGenerated])
        let v10 = response.ttlv(version: .v1_0)
        #expect(v10.child(.extensionInformation) == nil)
        #expect(v10.child(.attestationType) == nil)
        #expect(v10.child(.clientRegistrationMethod) == nil)
        let v13 = response.ttlv(version: .v1_3)
        #expect(v13.child(.extensionInformation) != nil)
        #expect(v13.child(.attestationType) != nil)
        #expect(v13.child(.clientRegistrationMethod) != nil)
    }

    @Test func headersCarryCorrelationValuesOnlyInKMIP14() {
        let header = ResponseHeader(
            protocolVersion: .v1_3, timeStamp: Date(timeIntervalSince1970: 0), clientCorrelationValue: "c", batchCount: 1)
        #expect(header.ttlv(version: .v1_3).child(.clientCorrelationValue) == nil)
        #expect(header.ttlv(version: .v1_4).child(.clientCorrelationValue) != nil)
    }

    @Test func digestValueIsAlwaysWrittenForKMIP10() {
        let digest = Digest(hashingAlgorithm: .sha256, digestValue: nil, keyFormatType: .raw)
        #expect(digest.ttlv(version: .v1_0).child(.digestValue) != nil)
        #expect(digest.ttlv(version: .v1_0).child(.keyFormatType) == nil)
        #expect(digest.ttlv(version: .v1_4).child(.digestValue) == nil)
    }

    @Test func getKeyWrapTypeIsKMIP14() {
        let request = GetRequest(uniqueIdentifier: "1", keyWrapType: .asRegistered)
        #expect(request.ttlv(version: .v1_4).child(.keyWrapType) != nil)
        #expect(request.ttlv(version: .v1_3).child(.keyWrapType) == nil)
    }

    @Test func everyVersionOfAMessageDecodes() throws {
        for version in ProtocolVersion.supported {
            let message = RequestMessage(version: version, payloads: [GetRequest(uniqueIdentifier: "1")])
            let decoded = try RequestMessage(bytes: message.encoded())
            #expect(decoded.header.protocolVersion == version)
            #expect(RequestMessage.protocolVersion(of: decoded.ttlv(version: version)) == version)
        }
    }
}
