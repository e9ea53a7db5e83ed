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
            func step(_ payloads: [RequestPayload]) async throws -> [ResponseBatchItem] {
                let response = try await client.withConnection { try await $0.send(payloads) }
                #expect(response.header.protocolVersion == .v1_1)
                #expect(response.batchItems.allSatisfy { $0.resultStatus == .success }, "\(response.batchItems.map { $0.resultMessage ?? "" })")
                return response.batchItems
            }
            // 1. Discover Versions with an empty list.
            guard case .discoverVersions(let versions)? = try await step([.discoverVersions(DiscoverVersionsRequest())]).first?.payload else {
                Issue.record("no Discover Versions answer")
                return
            }
            #expect(versions.protocolVersions.contains(.v1_1))
            // 2. Query for server information.
            guard case .query(let query)? = try await step([.query(QueryRequest(queryFunctions: [.queryServerInformation]))]).first?.payload else { return }
            #expect(query.vendorIdentification == "kmipgw")
            // 3. Create AES-256, usage Encrypt|Decrypt, no Name.
            guard case .create(let created)? = try await step([.create(CreateRequest(objectType: .symmetricKey, templateAttribute: TemplateAttribute(attributes: [
                Attribute(.cryptographicAlgorithm, CryptographicAlgorithm.aes), Attribute(.cryptographicLength, Int32(256)),
                Attribute(.cryptographicUsageMask, CryptographicUsageMask([.encrypt, .decrypt])),
            ])))]).first?.payload else { return }
            let id = created.uniqueIdentifier
            // 4. Get Attributes for x-Product_Version on a key that lacks it: success, no attribute.
            guard case .getAttributes(let lacking)? = try await step([.getAttributes(GetAttributesRequest(uniqueIdentifier: id, attributeNames: ["x-Product_Version"]))]).first?.payload else { return }
            #expect(lacking.attributes.isEmpty)
            // 5. One request of three Add Attribute items.
            let added = try await step([
                .addAttribute(AddAttributeRequest(uniqueIdentifier: id, attribute: Attribute(name: "x-Product_Version", value: .textString("8.0.3")))),
                .addAttribute(AddAttributeRequest(uniqueIdentifier: id, attribute: Attribute(name: "x-Vendor", value: .textString("VMware, Inc.")))),
                .addAttribute(AddAttributeRequest(uniqueIdentifier: id, attribute: Attribute(name: "x-Product", value: .textString("VMware vSphere")))),
            ])
            #expect(added.map(\.uniqueBatchItemID) == [[1], [2], [3]])
            // 6. Get Attributes for State.
            guard case .getAttributes(let state)? = try await step([.getAttributes(GetAttributesRequest(uniqueIdentifier: id, attributeNames: ["State"]))]).first?.payload else { return }
            #expect(state.attributes.first?.value == .enumeration(State.preActive.rawValue))
            // 7. Activate, 8. Get.
            _ = try await step([.activate(ActivateRequest(uniqueIdentifier: id))])
            guard case .get(let got)? = try await step([.get(GetRequest(uniqueIdentifier: id))]).first?.payload,
                case .symmetricKey(let key) = got.object
            else { return }
            #expect(key.keyBlock.keyValue.keyBytes?.count == 32)
            #expect(key.keyBlock.keyFormatType == .raw)
        }
        // Eight connections' worth of audit: one line per batch item, ten in all.
        #expect(stack.audit.all.count == 10)
    }
}
