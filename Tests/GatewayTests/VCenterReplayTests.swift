import Foundation
import KMIP
import KMIPClient
import TTLV
import Testing

/// What a VMware vCenter key provider sends, built from its documented behaviour, replayed over
/// real mutual TLS with a fresh connection for every step (vCenter reconnects almost every time)
/// and a KMIP 1.1 header throughout.
@Suite struct VCenterReplayTests {
    @Test func theVCenterSequenceSucceedsStepByStep() async throws {
        let stack = try await GatewayStackTests.Stack.make()
        try await stack.run { port in
            let client = try stack.client(stack.alice, port: port, version: .v1_1)
            func step(_ payloads: [any KMIPRequestPayload]) async throws -> [ResponseBatchItem] {
                let response = try await client.withConnection { try await $0.send(payloads) }
                #expect(response.header.protocolVersion == .v1_1)
                #expect(response.batchItems.allSatisfy { $0.resultStatus == .success }, "\(response.batchItems.map { $0.resultMessage ?? "" })")
                return response.batchItems
            }
            // 1. Discover Versions with an empty list.
            let versions = try #require(try await step([DiscoverVersionsRequest()]).first).payload(as: DiscoverVersionsResponse.self)
            #expect(versions.protocolVersions.contains(.v1_1))
            // 2. Query for server information.
            let query = try #require(try await step([QueryRequest(queryFunctions: [.queryServerInformation])]).first).payload(as: QueryResponse.self)
            #expect(query.vendorIdentification == "kmipgw")
            // 3. Create AES-256, usage Encrypt|Decrypt, no Name.
            let created = try #require(try await step([CreateRequest(objectType: .symmetricKey, templateAttribute: TemplateAttribute(attributes: [
                Attribute(.cryptographicAlgorithm, CryptographicAlgorithm.aes), Attribute(.cryptographicLength, Int32(256)),
                Attribute(.cryptographicUsageMask, CryptographicUsageMask([.encrypt, .decrypt])),
            ]))]).first).payload(as: CreateResponse.self)
            let id = created.uniqueIdentifier
            // 4. Get Attributes for x-Product_Version on a key that lacks it: success, no attribute.
            let lacking = try #require(try await step([GetAttributesRequest(uniqueIdentifier: id, attributeNames: ["x-Product_Version"])]).first).payload(as: GetAttributesResponse.self)
            #expect(lacking.attributes.isEmpty)
            // 5. One request of three Add Attribute items.
            let added = try await step([
                AddAttributeRequest(uniqueIdentifier: id, attribute: Attribute(name: "x-Product_Version", value: .textString("8.0.3"))),
                AddAttributeRequest(uniqueIdentifier: id, attribute: Attribute(name: "x-Vendor", value: .textString("VMware, Inc."))),
                AddAttributeRequest(uniqueIdentifier: id, attribute: Attribute(name: "x-Product", value: .textString("VMware vSphere"))),
            ])
            #expect(added.map(\.uniqueBatchItemID) == [[1], [2], [3]])
            // 6. Get Attributes for State.
            let state = try #require(try await step([GetAttributesRequest(uniqueIdentifier: id, attributeNames: ["State"])]).first).payload(as: GetAttributesResponse.self)
            #expect(state.attributes.first?.value == .enumeration(State.preActive.rawValue))
            // 7. Activate, 8. Get.
            _ = try await step([ActivateRequest(uniqueIdentifier: id)])
            let got = try #require(try await step([GetRequest(uniqueIdentifier: id)]).first).payload(as: GetResponse.self)
            guard case .symmetricKey(let key) = got.object else { return }
            #expect(key.keyBlock.keyValue.keyBytes?.count == 32)
            #expect(key.keyBlock.keyFormatType == .raw)
        }
        // Eight connections' worth of audit: one line per batch item, ten in all.
        #expect(stack.audit.all.count == 10)
    }
}
