import KeyStore
import Foundation
import KMIP
import NIOCore
import Operations
import TTLV
import Testing

/// Batches, isolation between adapters, malformed input and the vCenter sequence.
@Suite struct BatchAndIsolationTests {
    @Test func anotherAdaptersObjectsAreNeverRevealed() async throws {
        let fixture = try await OperationsFixture.make()
        let mine = try await fixture.createKey(name: "shared-name")
        let theirs = try await fixture.createKey(name: "shared-name", as: fixture.other)
        for payload: any KMIPRequestPayload in [
            GetRequest(uniqueIdentifier: theirs), GetAttributesRequest(uniqueIdentifier: theirs),
            ActivateRequest(uniqueIdentifier: theirs), DestroyRequest(uniqueIdentifier: theirs),
            AddAttributeRequest(uniqueIdentifier: theirs, attribute: Attribute(name: "x-a", value: .integer(1))),
        ] {
            let failure = try await fixture.fail(payload)
            #expect(failure.resultReason == .itemNotFound)
        }
        // The same message for a missing object and for another adapter's object.
        let missing = try await fixture.fail(GetRequest(uniqueIdentifier: "no-such-object"))
        #expect(missing.resultReason == .itemNotFound)
        let located = try await fixture.succeed(LocateRequest(attributes: [Attribute(.name, Name("shared-name"))])).payload(as: LocateResponse.self)
        #expect(located.uniqueIdentifiers == [mine])
    }

    @Test func locateFiltersPagesAndCounts() async throws {
        let fixture = try await OperationsFixture.make()
        var identifiers: [String] = []
        for index in 0..<5 { identifiers.append(try await fixture.createKey(length: index < 3 ? 256 : 128, name: "key-\(index)")) }
        _ = try await fixture.succeed(ActivateRequest(uniqueIdentifier: identifiers[0]))
        let byName = try await fixture.succeed(LocateRequest(attributes: [Attribute(.name, Name("key-3"))])).payload(as: LocateResponse.self)
        #expect(byName.uniqueIdentifiers == [identifiers[3]])
        let byLength = try await fixture.succeed(LocateRequest(attributes: [Attribute(.cryptographicLength, Int32(256)), Attribute(.objectType, ObjectType.symmetricKey)])).payload(as: LocateResponse.self)
        #expect(byLength.uniqueIdentifiers == Array(identifiers[0..<3]))
        let active = try await fixture.succeed(LocateRequest(attributes: [Attribute(.state, State.active)])).payload(as: LocateResponse.self)
        #expect(active.uniqueIdentifiers == [identifiers[0]])
        let page = try await fixture.succeed(LocateRequest(maximumItems: 2, offsetItems: 1)).payload(as: LocateResponse.self)
        #expect(page.uniqueIdentifiers == Array(identifiers[1..<3]))
        #expect(page.locatedItems == 5)
        let old = try await fixture.succeed(LocateRequest(maximumItems: 2), version: .v1_2).payload(as: LocateResponse.self)
        #expect(old.locatedItems == nil)
        let custom = try await fixture.succeed(LocateRequest(attributes: [Attribute(name: "x-none", value: .integer(1))])).payload(as: LocateResponse.self)
        #expect(custom.uniqueIdentifiers.isEmpty)
    }

    @Test func locateByUniqueIdentifierFindsOnlyALiveObjectOfThisAdapter() async throws {
        let fixture = try await OperationsFixture.make()
        let mine = try await fixture.createKey()
        let theirs = try await fixture.createKey(as: fixture.other)
        func locate(_ identifier: String) async throws -> [String] {
            let found = try await fixture.succeed(LocateRequest(attributes: [Attribute(.uniqueIdentifier, identifier)])).payload(as: LocateResponse.self)
            return found.uniqueIdentifiers
        }
        #expect(try await locate(mine) == [mine])
        // Another adapter's object is not found, exactly as if it did not exist.
        #expect(try await locate(theirs) == [])
        #expect(try await locate("no-such-object") == [])
        // SKFF-M-5: once destroyed, it is no longer in online storage.
        _ = try await fixture.succeed(DestroyRequest(uniqueIdentifier: mine))
        #expect(try await locate(mine) == [])
        let contradiction = try await fixture.fail(LocateRequest(attributes: [
            Attribute(.uniqueIdentifier, mine), Attribute(.uniqueIdentifier, theirs),
        ]))
        #expect(contradiction.resultReason == .invalidField)
    }

    @Test func theIDPlaceholderCarriesThroughABatch() async throws {
        let fixture = try await OperationsFixture.make()
        let create = CreateRequest(objectType: .symmetricKey, templateAttribute: TemplateAttribute(attributes: [
            Attribute(.cryptographicAlgorithm, CryptographicAlgorithm.aes), Attribute(.cryptographicLength, Int32(256)),
        ]))
        let response = try await fixture.send([create, ActivateRequest(), GetRequest()])
        #expect(response.batchItems.map(\.resultStatus) == [.success, .success, .success])
        #expect(response.batchItems.map(\.uniqueBatchItemID) == [[1], [2], [3]])
        let created = try response.batchItems[0].payload(as: CreateResponse.self)
        let got = try response.batchItems[2].payload(as: GetResponse.self)
        #expect(got.uniqueIdentifier == created.uniqueIdentifier)
    }

    @Test func stopEndsTheBatchAndContinueGoesOn() async throws {
        let fixture = try await OperationsFixture.make()
        let identifier = try await fixture.createKey()
        let payloads: [any KMIPRequestPayload] = [GetRequest(uniqueIdentifier: "missing"), GetRequest(uniqueIdentifier: identifier)]
        let stopped = try await fixture.send(payloads)
        #expect(stopped.batchItems.count == 1)
        #expect(stopped.header.batchCount == 1)
        let continued = try await fixture.send(payloads, continueOnError: true)
        #expect(continued.batchItems.map(\.resultStatus) == [.operationFailed, .success])
    }

    @Test func vCenterSequence() async throws {
        // What a vCenter key provider sends, each step a new connection, header version 1.1.
        let fixture = try await OperationsFixture.make()
        _ = try await fixture.succeed(DiscoverVersionsRequest(), version: .v1_1)
        _ = try await fixture.succeed(QueryRequest(queryFunctions: [.queryServerInformation]), version: .v1_1)
        let created = try await fixture.succeed(CreateRequest(objectType: .symmetricKey, templateAttribute: TemplateAttribute(attributes: [
            Attribute(.cryptographicAlgorithm, CryptographicAlgorithm.aes), Attribute(.cryptographicLength, Int32(256)),
            Attribute(.cryptographicUsageMask, CryptographicUsageMask([.encrypt, .decrypt])),
        ])), version: .v1_1).payload(as: CreateResponse.self)
        let id = created.uniqueIdentifier
        let none = try await fixture.succeed(GetAttributesRequest(uniqueIdentifier: id, attributeNames: ["x-Product_Version"]), version: .v1_1).payload(as: GetAttributesResponse.self)
        #expect(none.attributes.isEmpty)
        let adds = try await fixture.send([
            AddAttributeRequest(uniqueIdentifier: id, attribute: Attribute(name: "x-Product_Version", value: .textString("8.0.2"))),
            AddAttributeRequest(uniqueIdentifier: id, attribute: Attribute(name: "x-Vendor", value: .textString("VMware, Inc."))),
            AddAttributeRequest(uniqueIdentifier: id, attribute: Attribute(name: "x-Product", value: .textString("VMware vSphere"))),
        ], version: .v1_1)
        #expect(adds.batchItems.map(\.resultStatus) == [.success, .success, .success])
        #expect(try await fixture.state(of: id) == .preActive)
        _ = try await fixture.succeed(ActivateRequest(uniqueIdentifier: id), version: .v1_1)
        let got = try await fixture.succeed(GetRequest(uniqueIdentifier: id), version: .v1_1).payload(as: GetResponse.self)
        guard case .symmetricKey(let key) = got.object else { return }
        #expect(key.keyBlock.keyValue.keyBytes?.count == 32)
    }

    @Test func malformedInputGetsProperErrors() async throws {
        let fixture = try await OperationsFixture.make()
        let garbage = try await fixture.sendRaw(ByteBuffer(bytes: [0x42, 0x00, 0x78, 0x01, 0, 0, 0, 8, 1, 2, 3, 4, 5, 6, 7, 8]))
        #expect(garbage.batchItems.first?.resultReason == .invalidMessage)
        let notARequest = try await fixture.sendRaw(TTLVItem(.batchCount, .integer(1)).encoded())
        #expect(notARequest.batchItems.first?.resultReason == .invalidMessage)
        let badPayload = RequestMessage(header: RequestHeader(protocolVersion: .v1_4, batchCount: 2), batchItems: [
            RequestBatchItem(operation: .get, uniqueBatchItemID: [1], payloadItem: .structure(.requestPayload, [TTLVItem(.uniqueIdentifier, .integer(1))])),
            RequestBatchItem(operation: .check, uniqueBatchItemID: [2], payloadItem: .structure(.requestPayload, [])),
        ])
        var continued = badPayload
        continued.header.batchErrorContinuationOption = .continue
        let response = try await fixture.sendRaw(continued.encoded())
        #expect(response.batchItems.map(\.resultReason) == [.invalidField, .operationNotSupported])
        #expect(response.batchItems.map(\.uniqueBatchItemID) == [[1], [2]])
    }

    @Test func aDeletedRootKeyStopsOnlyItsAdapter() async throws {
        let fixture = try await OperationsFixture.make()
        let mine = try await fixture.createKey()
        let theirs = try await fixture.createKey(as: fixture.other)
        _ = try await fixture.store.apply([.deleteRootKey(instance: "prod", name: "root")])
        let refused = try await fixture.fail(CreateRequest(objectType: .symmetricKey, templateAttribute: TemplateAttribute(attributes: [
            Attribute(.cryptographicAlgorithm, CryptographicAlgorithm.aes), Attribute(.cryptographicLength, Int32(256)),
        ])))
        #expect(refused.resultMessage?.contains("root key") == true)
        let gone = try await fixture.fail(GetRequest(uniqueIdentifier: mine))
        #expect(gone.resultStatus == .operationFailed)
        _ = try await fixture.succeed(GetRequest(uniqueIdentifier: theirs), as: fixture.other)
    }

    @Test func aResponseOverTheClientsLimitIsRefused() async throws {
        let fixture = try await OperationsFixture.make()
        let identifier = try await fixture.createKey()
        let response = try await fixture.send([GetAttributesRequest(uniqueIdentifier: identifier)], maximumResponseSize: 64)
        #expect(response.batchItems.first?.resultReason == .responseTooLarge)
    }
}
