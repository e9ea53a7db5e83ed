import KMIP
import Operations
import TTLV
import Testing

/// One registry decides what the server runs and what Query reports, per protocol version.
@Suite struct OperationRegistryTests {
    /// A request of `version` with one batch item per operation, each with an empty payload.
    static func items(_ operations: [KMIP.Operation], version: ProtocolVersion) -> RequestMessage {
        var header = RequestHeader(protocolVersion: version, batchCount: Int32(operations.count))
        header.batchErrorContinuationOption = .continue
        return RequestMessage(header: header, batchItems: operations.enumerated().map { index, operation in
            RequestBatchItem(operation: operation, uniqueBatchItemID: [UInt8(index)], payloadItem: .structure(.requestPayload, []))
        })
    }

    @Test(arguments: ProtocolVersion.supported)
    func queryListsWhatTheVersionDefinesAndEveryRegisteredOperationIsDispatched(version: ProtocolVersion) async throws {
        let fixture = try await OperationsFixture.make()
        let query = try await fixture.succeed(QueryRequest(queryFunctions: [.queryOperations]), version: version)
            .payload(as: QueryResponse.self)
        let registered = OperationRegistry.standard.operations
        #expect(query.operations == OperationRegistry.standard.operations(in: version))
        // Every registered operation reaches its handler: an empty payload may be refused for what
        // it lacks, never as an operation the server does not perform.
        let response = try await fixture.sendRaw(Self.items(registered, version: version).encoded())
        #expect(response.batchItems.count == registered.count)
        for item in response.batchItems {
            #expect(item.resultReason != .operationNotSupported, "\(item.operation.map { "\($0)" } ?? "?"): \(item.resultMessage ?? "")")
        }
        // The registry holds nothing else: what the version lacks is all it leaves out.
        #expect(registered.filter { !query.operations.contains($0) }.allSatisfy { !$0.isDefined(in: version) })
    }

    @Test func aKMIPOneZeroQueryHasNoDiscoverVersions() async throws {
        let fixture = try await OperationsFixture.make()
        let old = try await fixture.succeed(QueryRequest(queryFunctions: [.queryOperations]), version: .v1_0).payload(as: QueryResponse.self)
        #expect(!old.operations.contains(.discoverVersions))
        #expect(old.operations.contains(.query))
        #expect(old.operations.contains(.get))
        // Every registered operation 1.0 defines, and nothing 1.1 or 1.2 added.
        #expect(old.operations.count == OperationRegistry.standard.operations.filter { $0.isDefined(in: .v1_0) }.count)
        #expect(!old.operations.contains(.encrypt))
        let newer = try await fixture.succeed(QueryRequest(queryFunctions: [.queryOperations]), version: .v1_1).payload(as: QueryResponse.self)
        #expect(newer.operations.contains(.discoverVersions))
        // A client that starts in 1.0 may still negotiate: Discover Versions is answered.
        let discovered = try await fixture.succeed(DiscoverVersionsRequest(), version: .v1_0).payload(as: DiscoverVersionsResponse.self)
        #expect(discovered.protocolVersions.first == .v1_4)
    }

    @Test func anUnregisteredOperationIsNotSupported() async throws {
        let fixture = try await OperationsFixture.make()
        let unregistered: [KMIP.Operation] = [.check, .obtainLease, KMIP.Operation(rawValue: 0x8000_0001)]
        #expect(unregistered.allSatisfy { !OperationRegistry.standard.operations.contains($0) })
        let response = try await fixture.sendRaw(Self.items(unregistered, version: .v1_4).encoded())
        #expect(response.batchItems.count == unregistered.count)
        for item in response.batchItems {
            #expect(item.resultStatus == .operationFailed)
            #expect(item.resultReason == .operationNotSupported)
            #expect(item.resultMessage?.contains("does not perform") == true)
        }
    }

    @Test func theRegistryListsEachOperationOnceInQueryOrder() {
        let operations = OperationRegistry.standard.operations
        #expect(Set(operations).count == operations.count)
        #expect(operations.first == .discoverVersions)
        #expect(operations.contains(.get))
        #expect(OperationRegistry.standard.operations(in: .v1_4) == operations)
    }
}
