import Foundation
import KMIP
import NIOCore
import TTLV
import TestSupport
import Testing

/// The OASIS KMIP 1.4 test cases: every request and response decodes into our model, every
/// payload decodes for its operation, and our encoder writes back exactly the same bytes.
@Suite struct OASISVectorTests {
    static let files = (try? Vectors.files("oasis", withExtension: "xml")) ?? []

    @Test func theVectorsArePresent() throws {
        let names = Self.files.map(\.lastPathComponent)
        #expect(names.contains("SKLC-M-1-14.xml"))
        #expect(names.contains("SKLC-M-2-14.xml"))
        #expect(names.contains("SKLC-M-3-14.xml"))
        #expect(Self.files.count >= 10)
    }

    @Test(arguments: files)
    func everyMessageRoundTrips(file: URL) throws {
        let messages = try KMIPXMLReader().messages(in: Data(contentsOf: file))
        #expect(!messages.isEmpty)
        for original in messages {
            let bytes = original.encodedBytes
            let item = try TTLVDecoder().decode(bytes)
            #expect(item == original, "\(file.lastPathComponent): decoding changed the tree")
            let reencoded: [UInt8]
            if item.tag == .requestMessage {
                let message = try RequestMessage(ttlv: item)
                let version = message.header.protocolVersion
                #expect(version == .v1_4)
                var rebuilt = message
                rebuilt.batchItems = try message.batchItems.map { batchItem in
                    var copy = batchItem
                    copy.payloadItem = try PayloadTypes.reencoded(batchItem, version: version) ?? batchItem.payloadItem
                    return copy
                }
                reencoded = rebuilt.ttlv(version: version).encodedBytes
            } else {
                let message = try ResponseMessage(ttlv: item)
                let version = message.header.protocolVersion
                var rebuilt = message
                rebuilt.batchItems = try message.batchItems.map { batchItem in
                    var copy = batchItem
                    copy.payloadItem = try PayloadTypes.reencoded(batchItem, version: version) ?? batchItem.payloadItem
                    return copy
                }
                reencoded = rebuilt.ttlv(version: version).encodedBytes
            }
            #expect(reencoded == bytes, "\(file.lastPathComponent): \(KMIPRegistry.displayName(of: item.tag)) re-encodes differently")
        }
    }

    @Test func theSymmetricKeyLifecycleCaseReadsAsExpected() throws {
        let file = try #require(Self.files.first { $0.lastPathComponent == "SKLC-M-2-14.xml" })
        let messages = try KMIPXMLReader().messages(in: Data(contentsOf: file))
        let requests = try messages.filter { $0.tag == .requestMessage }.map { try RequestMessage(ttlv: $0) }
        let operations = requests.flatMap { $0.batchItems.map(\.operation) }
        #expect(operations.first == .create)
        #expect(operations.contains(.activate))
        #expect(operations.contains(.revoke))
        let create = try requests[0].batchItems[0].payload(as: CreateRequest.self)
        #expect(create.objectType == .symmetricKey)
        let algorithm = create.templateAttribute.attributes.first { $0.name == "Cryptographic Algorithm" }
        #expect(algorithm?.value == .enumeration(CryptographicAlgorithm.aes.rawValue))
        let revoke = try #require(requests.flatMap(\.batchItems).first { $0.operation == .revoke }, "no Revoke request")
        let payload = try revoke.payload(as: RevokeRequest.self)
        #expect(payload.revocationReason.code == .keyCompromise)
        #expect(payload.compromiseOccurrenceDate != nil)
        let responses = try messages.filter { $0.tag == .responseMessage }.map { try ResponseMessage(ttlv: $0) }
        let failed = responses.flatMap(\.batchItems).first { $0.resultStatus == .operationFailed }
        #expect(failed?.resultReason == .permissionDenied)
    }
}
