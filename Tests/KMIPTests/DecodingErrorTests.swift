import Foundation
import KMIP
import TTLV
import Testing

/// Well-formed TTLV that is not the KMIP structure it claims to be fails with a precise error
/// and the Result Reason a server should answer with.
@Suite struct DecodingErrorTests {
    func expectFailure(_ code: KMIPDecodingError.Code, _ body: () throws -> Void, sourceLocation: SourceLocation = #_sourceLocation) {
        do {
            try body()
            Issue.record("decoded instead of failing with \(code)", sourceLocation: sourceLocation)
        } catch let error as KMIPDecodingError {
            #expect(error.code == code, "\(error)", sourceLocation: sourceLocation)
        } catch {
            Issue.record("unexpected error \(error)", sourceLocation: sourceLocation)
        }
    }

    @Test func aMissingRequiredFieldIsNamed() throws {
        let payload = TTLVItem.structure(.requestPayload, [TTLVItem(.objectType, .enumeration(2))])
        expectFailure(.missingField) { _ = try CreateRequest(ttlv: payload) }
        do {
            _ = try CreateRequest(ttlv: payload)
        } catch let error as KMIPDecodingError {
            #expect(error.reason.contains("TemplateAttribute"))
            #expect(error.resultReason == .invalidField)
        }
    }

    @Test func aFieldOfTheWrongTypeIsRefused() {
        let payload = TTLVItem.structure(.requestPayload, [TTLVItem(.uniqueIdentifier, .integer(5))])
        expectFailure(.wrongType) { _ = try GetRequest(ttlv: payload) }
    }

    @Test func anUnexpectedOrRepeatedFieldIsRefused() {
        expectFailure(.unexpectedField) {
            _ = try GetRequest(ttlv: .structure(.requestPayload, [TTLVItem(.batchCount, .integer(1))]))
        }
        expectFailure(.unexpectedField) {
            _ = try GetRequest(ttlv: .structure(.requestPayload, [
                TTLVItem(.uniqueIdentifier, .textString("1")), TTLVItem(.uniqueIdentifier, .textString("2")),
            ]))
        }
    }

    @Test func vendorExtensionFieldsAreIgnored() throws {
        let payload = TTLVItem.structure(.requestPayload, [
            TTLVItem(.uniqueIdentifier, .textString("1")), TTLVItem(Tag(0x540010), .textString("vendor")),
        ])
        #expect(try GetRequest(ttlv: payload).uniqueIdentifier == "1")
    }

    @Test func aStandardAttributeMustHaveItsType() {
        let attribute = TTLVItem.structure(.attribute, [
            TTLVItem(.attributeName, .textString("Cryptographic Length")), TTLVItem(.attributeValue, .textString("256")),
        ])
        expectFailure(.wrongType) { _ = try Attribute(ttlv: attribute) }
        let badName = TTLVItem.structure(.attribute, [
            TTLVItem(.attributeName, .textString("Name")),
            .structure(.attributeValue, [TTLVItem(.nameValue, .textString("x"))]),
        ])
        expectFailure(.missingField) { _ = try Attribute(ttlv: badName) }
    }

    @Test func customAttributesTakeAnyType() throws {
        for value: TTLVValue in [
            .integer(1), .longInteger(2), .bigInteger(Array(repeating: 0, count: 8)), .enumeration(3), .boolean(true),
            .textString("t"), .byteString([4]), .dateTime(5), .interval(6), .structure([TTLVItem(Tag(0x540001), .integer(1))]),
        ] {
            let item = Attribute(name: "x-anything", value: value).ttlv(version: .v1_4)
            let decoded = try Attribute(ttlv: item)
            #expect(decoded.value == value)
            #expect(decoded.isCustom)
        }
    }

    @Test func theBatchCountMustMatch() {
        var message = RequestMessage(version: .v1_4, payloads: [ActivateRequest(uniqueIdentifier: "1")])
        message.header.batchCount = 2
        expectFailure(.invalidValue) { _ = try RequestMessage(ttlv: message.ttlv(version: .v1_4)) }
    }

    @Test func aResponseIsNotARequest() {
        let response = ResponseMessage(
            header: ResponseHeader(protocolVersion: .v1_4, timeStamp: Date(), batchCount: 0), batchItems: [])
        expectFailure(.wrongTag) { _ = try RequestMessage(ttlv: response.ttlv(version: .v1_4)) }
        do {
            _ = try RequestMessage(ttlv: response.ttlv(version: .v1_4))
        } catch let error as KMIPDecodingError {
            #expect(error.resultReason == .invalidMessage)
        } catch {}
    }

    @Test func aBrokenPayloadFailsOnlyItsBatchItem() throws {
        let good = RequestBatchItem(ActivateRequest(uniqueIdentifier: "1"))
        let bad = RequestBatchItem(operation: .get, payloadItem: .structure(.requestPayload, [TTLVItem(.uniqueIdentifier, .integer(1))]))
        let message = RequestMessage(header: RequestHeader(protocolVersion: .v1_4, batchCount: 2), batchItems: [good, bad])
        let decoded = try RequestMessage(bytes: message.encoded())
        #expect(throws: Never.self) { _ = try decoded.batchItems[0].payload(as: ActivateRequest.self) }
        #expect(throws: KMIPDecodingError.self) { _ = try decoded.batchItems[1].payload(as: GetRequest.self) }
    }

    @Test func unsupportedOperationsKeepTheirPayload() throws {
        let payload = TTLVItem.structure(.requestPayload, [TTLVItem(.data, .byteString([1]))])
        let item = RequestBatchItem(operation: .encrypt, payloadItem: payload)
        let decoded = try RequestBatchItem(ttlv: item.ttlv(version: .v1_4))
        #expect(decoded.operation == .encrypt)
        #expect(decoded.payloadItem == payload)
        // Read only as its own operation's payload, never as another's that happens to fit.
        #expect(throws: KMIPDecodingError.self) { _ = try decoded.payload(as: GetRequest.self) }
    }

    @Test func passwordsNeverShowInDescriptions() throws {
        let credential = Credential.usernameAndPassword(username: "vcenter", password: "hunter2")
        #expect(!"\(credential)".contains("hunter2"))
        #expect("\(credential)".contains("vcenter"))
    }
}
