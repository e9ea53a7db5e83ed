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
        for payload: RequestPayload in [
            .get(GetRequest(uniqueIdentifier: theirs)), .getAttributes(GetAttributesRequest(uniqueIdentifier: theirs)),
            .activate(ActivateRequest(uniqueIdentifier: theirs)), .destroy(DestroyRequest(uniqueIdentifier: theirs)),
            .addAttribute(AddAttributeRequest(uniqueIdentifier: theirs, attribute: Attribute(name: "x-a", value: .integer(1)))),
        ] {
            let failure = try await fixture.fail(payload)
            #expect(failure.resultReason == .itemNotFound)
        }
        // The same message for a missing object and for another adapter's object.
        let missing = try await fixture.fail(.get(GetRequest(uniqueIdentifier: "no-such-object")))
        #expect(missing.resultReason == .itemNotFound)
        guard case .locate(let located) = try await fixture.succeed(.locate(LocateRequest(attributes: [Attribute(.name, Name("shared-name"))]))) else { return }
        #expect(located.uniqueIdentifiers == [mine])
    }

    @Test func locateFiltersPagesAndCounts() async throws {
        let fixture = try await OperationsFixture.make()
        var identifiers: [String] = []
        for index in 0..<5 { identifiers.append(try await fixture.createKey(length: index < 3 ? 256 : 128, name: "key-\(index)")) }
        _ = try await fixture.succeed(.activate(ActivateRequest(uniqueIdentifier: identifiers[0])))
        guard case .locate(let byName) = try await fixture.succeed(.locate(LocateRequest(attributes: [Attribute(.name, Name("key-3"))]))) else { return }
        #expect(byName.uniqueIdentifiers == [identifiers[3]])
        guard case .locate(let byLength) = try await fixture.succeed(.locate(LocateRequest(attributes: [Attribute(.cryptographicLength, Int32(256)), Attribute(.objectType, ObjectType.symmetricKey)]))) else { return }
        #expect(byLength.uniqueIdentifiers == Array(identifiers[0..<3]))
        guard case .locate(let active) = try await fixture.succeed(.locate(LocateRequest(attributes: [Attribute(.state, State.active)]))) else { return }
        #expect(active.uniqueIdentifiers == [identifiers[0]])
        guard case .locate(let page) = try await fixture.succeed(.locate(LocateRequest(maximumItems: 2, offsetItems: 1))) else { return }
        #expect(page.uniqueIdentifiers == Array(identifiers[1..<3]))
        #expect(page.locatedItems == 5)
        guard case .locate(let old) = try await fixture.succeed(.locate(LocateRequest(maximumItems: 2)), version: .v1_2) else { return }
        #expect(old.locatedItems == nil)
        guard case .locate(let custom) = try await fixture.succeed(.locate(LocateRequest(attributes: [Attribute(name: "x-none", value: .integer(1))]))) else { return }
        #expect(custom.uniqueIdentifiers.isEmpty)
    }

    @Test func locateByUniqueIdentifierFindsOnlyALiveObjectOfThisAdapter() async throws {
        let fixture = try await OperationsFixture.make()
        let mine = try await fixture.createKey()
        let theirs = try await fixture.createKey(as: fixture.other)
        func locate(_ identifier: String) async throws -> [String] {
            guard case .locate(let found) = try await fixture.succeed(.locate(LocateRequest(attributes: [Attribute(.uniqueIdentifier, identifier)])))
            else { return [] }
            return found.uniqueIdentifiers
        }
        #expect(try await locate(mine) == [mine])
        // Another adapter's object is not found, exactly as if it did not exist.
        #expect(try await locate(theirs) == [])
        #expect(try await locate("no-such-object") == [])
        // SKFF-M-5: once destroyed, it is no longer in online storage.
        _ = try await fixture.succeed(.destroy(DestroyRequest(uniqueIdentifier: mine)))
        #expect(try await locate(mine) == [])
        let contradiction = try await fixture.fail(.locate(LocateRequest(attributes: [
            Attribute(.uniqueIdentifier, mine), Attribute(.uniqueIdentifier, theirs),
        ])))
        #expect(contradiction.resultReason == .invalidField)
    }

    @Test func theIDPlaceholderCarriesThroughABatch() async throws {
        let fixture = try await OperationsFixture.make()
        let create = RequestPayload.create(CreateRequest(objectType: .symmetricKey, templateAttribute: TemplateAttribute(attributes: [
            Attribute(.cryptographicAlgorithm, CryptographicAlgorithm.aes), Attribute(.cryptographicLength, Int32(256)),
        ])))
        let response = try await fixture.send([create, .activate(ActivateRequest()), .get(GetRequest())])
        #expect(response.batchItems.map(\.resultStatus) == [.success, .success, .success])
        #expect(response.batchItems.map(\.uniqueBatchItemID) == [[1], [2], [3]])
        guard case .create(let created)? = response.batchItems[0].payload, case .get(let got)? = response.batchItems[2].payload else { return }
        #expect(got.uniqueIdentifier == created.uniqueIdentifier)
    }

    @Test func stopEndsTheBatchAndContinueGoesOn() async throws {
        let fixture = try await OperationsFixture.make()
        let identifier = try await fixture.createKey()
        let payloads: [RequestPayload] = [.get(GetRequest(uniqueIdentifier: "missing")), .get(GetRequest(uniqueIdentifier: identifier))]
        let stopped = try await fixture.send(payloads)
        #expect(stopped.batchItems.count == 1)
        #expect(stopped.header.batchCount == 1)
        let continued = try await fixture.send(payloads, continueOnError: true)
        #expect(continued.batchItems.map(\.resultStatus) == [.operationFailed, .success])
    }

    @Test func vCenterSequence() async throws {
        // What a vCenter key provider sends, each step a new connection, header version 1.1.
        let fixture = try await OperationsFixture.make()
        _ = try await fixture.succeed(.discoverVersions(DiscoverVersionsRequest()), version: .v1_1)
        _ = try await fixture.succeed(.query(QueryRequest(queryFunctions: [.queryServerInformation])), version: .v1_1)
        guard case .create(let created) = try await fixture.succeed(.create(CreateRequest(objectType: .symmetricKey, templateAttribute: TemplateAttribute(attributes: [
            Attribute(.cryptographicAlgorithm, CryptographicAlgorithm.aes), Attribute(.cryptographicLength, Int32(256)),
            Attribute(.cryptographicUsageMask, CryptographicUsageMask([.encrypt, .decrypt])),
        ]))), version: .v1_1) else { return }
        let id = created.uniqueIdentifier
        guard case .getAttributes(let none) = try await fixture.succeed(.getAttributes(GetAttributesRequest(uniqueIdentifier: id, attributeNames: ["x-Product_Version"])), version: .v1_1) else { return }
        #expect(none.attributes.isEmpty)
        let adds = try await fixture.send([
            .addAttribute(AddAttributeRequest(uniqueIdentifier: id, attribute: Attribute(name: "x-Product_Version", value: .textString("8.0.2")))),
            .addAttribute(AddAttributeRequest(uniqueIdentifier: id, attribute: Attribute(name: "x-Vendor", value: .textString("VMware, Inc.")))),
            .addAttribute(AddAttributeRequest(uniqueIdentifier: id, attribute: Attribute(name: "x-Product", value: .textString("VMware vSphere")))),
        ], version: .v1_1)
        #expect(adds.batchItems.map(\.resultStatus) == [.success, .success, .success])
        #expect(try await fixture.state(of: id) == .preActive)
        _ = try await fixture.succeed(.activate(ActivateRequest(uniqueIdentifier: id)), version: .v1_1)
        guard case .get(let got) = try await fixture.succeed(.get(GetRequest(uniqueIdentifier: id)), version: .v1_1), case .symmetricKey(let key) = got.object else { return }
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
            RequestBatchItem(operation: .encrypt, uniqueBatchItemID: [2], payloadItem: .structure(.requestPayload, [])),
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
        let refused = try await fixture.fail(.create(CreateRequest(objectType: .symmetricKey, templateAttribute: TemplateAttribute(attributes: [
            Attribute(.cryptographicAlgorithm, CryptographicAlgorithm.aes), Attribute(.cryptographicLength, Int32(256)),
        ]))))
        #expect(refused.resultMessage?.contains("root key") == true)
        let gone = try await fixture.fail(.get(GetRequest(uniqueIdentifier: mine)))
        #expect(gone.resultStatus == .operationFailed)
        _ = try await fixture.succeed(.get(GetRequest(uniqueIdentifier: theirs)), as: fixture.other)
    }

    @Test func aResponseOverTheClientsLimitIsRefused() async throws {
        let fixture = try await OperationsFixture.make()
        let identifier = try await fixture.createKey()
        let response = try await fixture.send([.getAttributes(GetAttributesRequest(uniqueIdentifier: identifier))], maximumResponseSize: 64)
        #expect(response.batchItems.first?.resultReason == .responseTooLarge)
    }
}
