import Foundation
import KMIP
import KeyStore
import Logging
import Operations
import TTLV
import TestSupport
import Testing

/// Internal failures are logged once, with their cause, under the incident identifier the
/// client's Result Message carries (issue 11, finding 12).
@Suite struct InternalFailureTests {
    @Test func aStoreFailureIsLoggedOnceUnderTheIdentifierTheClientIsGiven() async throws {
        let fixture = try await OperationsFixture.make()
        let identifier = try await fixture.createKey()
        let records = CapturingLogHandler.Store()
        let processor = RequestProcessor(
            store: FailingStore(fixture.store), logger: records.logger(label: "test"))
        let request = RequestMessage(version: .v1_4, payloads: [ActivateRequest(uniqueIdentifier: identifier)])
        let response = try ResponseMessage(bytes: await processor.process(request.encoded(), for: fixture.vc).response)
        let item = try #require(response.batchItems.first)
        #expect(item.resultReason == .generalFailure)
        let message = try #require(item.resultMessage)
        let incident = try #require(message.split(separator: " ").last.map(String.init))
        #expect(message.hasSuffix("the operator's log has details under incident \(incident)"))
        #expect(incident.count == 8 && incident.allSatisfy(\.isHexDigit))
        let logged = records.all.filter { $0.metadata["incident"] == incident }
        #expect(logged.count == 1)
        #expect(records.all.count == 1)
        #expect(logged.first?.level == .error)
        #expect(logged.first?.metadata["cause"]?.contains("database or disk is full") == true)
        #expect(logged.first?.metadata["code"] == "database")
    }

    @Test func eachFailureHasItsOwnIdentifier() async throws {
        let fixture = try await OperationsFixture.make()
        let records = CapturingLogHandler.Store()
        let processor = RequestProcessor(
            store: FailingStore(fixture.store), logger: records.logger(label: "test"))
        var messages: Set<String> = []
        for _ in 0..<3 {
            let create = CreateRequest(objectType: .symmetricKey, templateAttribute: TemplateAttribute(attributes: [
                Attribute(.cryptographicAlgorithm, CryptographicAlgorithm.aes), Attribute(.cryptographicLength, 256 as Int32),
            ]))
            let request = RequestMessage(version: .v1_4, payloads: [create])
            let response = try ResponseMessage(bytes: await processor.process(request.encoded(), for: fixture.vc).response)
            messages.insert(try #require(response.batchItems.first?.resultMessage))
        }
        #expect(messages.count == 3)
        #expect(Set(records.all.compactMap { $0.metadata["incident"] }).count == 3)
    }
}
