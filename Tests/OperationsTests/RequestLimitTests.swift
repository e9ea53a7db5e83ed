import Foundation
import KMIP
import KeyStore
import Operations
import TTLV
import Testing

/// The bounds on the work of one request (issue 11, finding 8): batch items, Locate results and
/// the response's size.
@Suite struct RequestLimitTests {
    @Test func aRequestWithMoreBatchItemsThanTheLimitRunsNone() async throws {
        let fixture = try await OperationsFixture.make(policy: ServerPolicy(maximumBatchItems: 3))
        let create = CreateRequest(objectType: .symmetricKey, templateAttribute: TemplateAttribute(attributes: [
            Attribute(.cryptographicAlgorithm, CryptographicAlgorithm.aes), Attribute(.cryptographicLength, 256 as Int32),
        ]))
        let refused = try await fixture.send(Array(repeating: create, count: 4))
        #expect(refused.batchItems.count == 1)
        #expect(refused.batchItems.first?.resultReason == .invalidMessage)
        #expect(refused.batchItems.first?.resultMessage?.contains("at most 3") == true)
        #expect(try fixture.store.objectSummaries(adapterID: fixture.vc.adapterID).isEmpty)
        let accepted = try await fixture.send(Array(repeating: create, count: 3))
        #expect(accepted.batchItems.map(\.resultStatus) == [.success, .success, .success])
    }

    @Test func locateReturnsTheDefaultWithoutMaximumItemsAndNeverMoreThanTheMaximum() async throws {
        let fixture = try await OperationsFixture.make(policy: ServerPolicy(defaultLocateItems: 2, maximumLocateItems: 3))
        for _ in 0..<5 { _ = try await fixture.createKey() }
        let byDefault = try await fixture.succeed(LocateRequest()).payload(as: LocateResponse.self)
        #expect(byDefault.uniqueIdentifiers.count == 2)
        #expect(byDefault.locatedItems == 5)
        let asked = try await fixture.succeed(LocateRequest(maximumItems: 100)).payload(as: LocateResponse.self)
        #expect(asked.uniqueIdentifiers.count == 3)
        #expect(asked.locatedItems == 5)
        let fewer = try await fixture.succeed(LocateRequest(maximumItems: 1)).payload(as: LocateResponse.self)
        #expect(fewer.uniqueIdentifiers.count == 1)
    }

    @Test func theResponseIsSizedWhileItIsBuilt() async throws {
        let fixture = try await OperationsFixture.make(policy: ServerPolicy(maximumResponseSize: 1_500))
        for _ in 0..<8 { _ = try await fixture.createKey() }
        // Each answer carries 8 identifiers, about 400 bytes: three fit in 1,500 bytes.
        let response = try await fixture.send(Array(repeating: LocateRequest(), count: 10), continueOnError: true)
        let reasons = response.batchItems.map(\.resultReason)
        #expect(response.batchItems.count == 10)
        #expect(reasons.prefix(3).allSatisfy { $0 == nil })
        #expect(reasons.dropFirst(3).allSatisfy { $0 == .responseTooLarge })
        #expect(response.batchItems[3].resultMessage?.contains("this server's response size limit of 1500 bytes") == true)
        // Every answer that succeeded fits in the limit; what passes it is only the short failures.
        let successes = response.batchItems.filter { $0.resultStatus == .success }
        #expect(successes.map { $0.ttlv(version: .v1_4).encodedLength }.reduce(0, +) < 1_500)
    }

    @Test func aRequestsMaximumResponseSizeLowersTheServersLimitButNeverRaisesIt() async throws {
        let fixture = try await OperationsFixture.make(policy: ServerPolicy(maximumResponseSize: 1_500))
        for _ in 0..<8 { _ = try await fixture.createKey() }
        let lowered = try await fixture.send([LocateRequest(), LocateRequest()], continueOnError: true, maximumResponseSize: 600)
        #expect(lowered.batchItems.map(\.resultReason) == [nil, .responseTooLarge])
        #expect(lowered.batchItems[1].resultMessage?.contains("the request's Maximum Response Size of 600 bytes") == true)
        let raised = try await fixture.send(Array(repeating: LocateRequest(), count: 4), continueOnError: true, maximumResponseSize: 1 << 30)
        #expect(raised.batchItems.map(\.resultReason) == [nil, nil, nil, .responseTooLarge])
    }
}
