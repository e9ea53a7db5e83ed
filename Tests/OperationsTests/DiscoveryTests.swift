import TTLV
import KeyStore
import Foundation
import KMIP
import Operations
import Testing

/// Discover Versions and Query.
@Suite struct DiscoveryTests {
    @Test func discoverVersionsOffersEveryVersionByDefault() async throws {
        let fixture = try await OperationsFixture.make()
        let all = try await fixture.succeed(DiscoverVersionsRequest(), version: .v1_1).payload(as: DiscoverVersionsResponse.self)
        #expect(all.protocolVersions == [.v1_4, .v1_3, .v1_2, .v1_1, .v1_0])
        let shared = try await fixture.succeed(DiscoverVersionsRequest(protocolVersions: [.v1_2, .v1_1])).payload(as: DiscoverVersionsResponse.self)
        #expect(shared.protocolVersions == [.v1_2, .v1_1])
    }

    @Test func aOneFourOnlyServerSaysSo() async throws {
        let fixture = try await OperationsFixture.make(policy: ServerPolicy(protocolVersions: [.v1_4]))
        let all = try await fixture.succeed(DiscoverVersionsRequest(), version: .v1_1).payload(as: DiscoverVersionsResponse.self)
        #expect(all.protocolVersions == [.v1_4])
        // Other operations in a version not offered are refused with a message that says why.
        let response = try await fixture.send([QueryRequest(queryFunctions: [.queryOperations])], version: .v1_2)
        #expect(response.batchItems.first?.resultReason == .invalidMessage)
        #expect(response.batchItems.first?.resultMessage?.contains("1.2") == true)
    }

    @Test func queryListsOperationsObjectsAndVendor() async throws {
        let fixture = try await OperationsFixture.make()
        let query = try await fixture.succeed(QueryRequest(queryFunctions: [.queryOperations, .queryObjects, .queryServerInformation])).payload(as: QueryResponse.self)
        #expect(query.operations.contains(.create))
        #expect(query.operations.contains(.locate))
        #expect(query.operations.count == OperationRegistry.standard.operations.count)
        #expect(query.objectTypes == [.symmetricKey])
        #expect(query.vendorIdentification == "kmipgw")
        #expect(query.serverInformation != nil)
    }

    @Test func responsesUseTheRequestVersion() async throws {
        let fixture = try await OperationsFixture.make()
        for version in ProtocolVersion.supported {
            let response = try await fixture.send([QueryRequest(queryFunctions: [.queryObjects])], version: version)
            #expect(response.header.protocolVersion == version)
        }
    }
}
