import Foundation
import KMIP
import KeyStore
import NIOCore
import Operations
import TTLV
import TestSupport
import Testing

/// A store with instance `prod`, root keys `root`/`root2`, adapters `vc` and `other`, and a
/// request processor to send KMIP messages through, as the server does.
struct OperationsFixture {
    let directory: TemporaryDirectory
    let store: SQLiteStore
    let processor: RequestProcessor
    let vc: AdapterContext
    let other: AdapterContext

    static func make(policy: ServerPolicy = ServerPolicy()) async throws -> OperationsFixture {
        let directory = try TemporaryDirectory(prefix: "kmipgw-operations")
        let location = StoreLocation(directory: directory.file("state"))
        _ = try StateInitializer(location: location).run(hostName: "test-host")
        let store = try SQLiteStore.open(location)
        _ = try await store.apply([
            .createInstance(name: "prod", description: nil),
            .createRootKey(instance: "prod", name: "root"),
            .createRootKey(instance: "prod", name: "root2"),
            .createAdapter(instance: "prod", name: "vc", description: "vCenter", rootKey: "root"),
            .createAdapter(instance: "prod", name: "other", description: nil, rootKey: "root2"),
        ])
        let adapters = try store.configuration().adapters
        let vc = try #require(adapters.first { $0.name == "vc" })
        let other = try #require(adapters.first { $0.name == "other" })
        return OperationsFixture(
            directory: directory, store: store, processor: RequestProcessor(store: store, policy: policy),
            vc: AdapterContext(vc), other: AdapterContext(other))
    }

    /// Sends one request of `payloads` and decodes the response.
    func send(
        _ payloads: [any KMIPRequestPayload], version: ProtocolVersion = .v1_4, as adapter: AdapterContext? = nil,
        continueOnError: Bool = false, maximumResponseSize: Int32? = nil
    ) async throws -> ResponseMessage {
        var request = RequestMessage(version: version, payloads: payloads)
        if continueOnError { request.header.batchErrorContinuationOption = .continue }
        request.header.maximumResponseSize = maximumResponseSize
        return try await sendRaw(request.encoded(), as: adapter)
    }

    func sendRaw(_ bytes: ByteBuffer, as adapter: AdapterContext? = nil) async throws -> ResponseMessage {
        let outcome = await processor.process(bytes, for: adapter ?? vc)
        return try ResponseMessage(bytes: outcome.response)
    }

    /// Sends one payload and returns its batch item, which must have succeeded with a payload;
    /// read it with `payload(as:)`.
    @discardableResult
    func succeed(_ payload: some KMIPRequestPayload, version: ProtocolVersion = .v1_4, as adapter: AdapterContext? = nil, sourceLocation: SourceLocation = #_sourceLocation) async throws -> ResponseBatchItem {
        let response = try await send([payload], version: version, as: adapter)
        let item = try #require(response.batchItems.first, sourceLocation: sourceLocation)
        #expect(item.resultStatus == .success, "\(item.resultReason.map { "\($0)" } ?? ""): \(item.resultMessage ?? "")", sourceLocation: sourceLocation)
        _ = try #require(item.payloadItem, sourceLocation: sourceLocation)
        return item
    }

    /// Sends one payload that must fail, and returns the failed batch item.
    func fail(_ payload: some KMIPRequestPayload, as adapter: AdapterContext? = nil, sourceLocation: SourceLocation = #_sourceLocation) async throws -> ResponseBatchItem {
        let response = try await send([payload], as: adapter)
        let item = try #require(response.batchItems.first, sourceLocation: sourceLocation)
        #expect(item.resultStatus == .operationFailed, sourceLocation: sourceLocation)
        #expect(item.resultMessage?.isEmpty == false, sourceLocation: sourceLocation)
        return item
    }

    /// Creates an AES key through KMIP and returns its identifier.
    func createKey(
        length: Int32 = 256, name: String? = nil, usageMask: CryptographicUsageMask = [.encrypt, .decrypt], extra: [Attribute] = [],
        as adapter: AdapterContext? = nil
    ) async throws -> String {
        var attributes = [
            Attribute(.cryptographicAlgorithm, CryptographicAlgorithm.aes), Attribute(.cryptographicLength, length),
            Attribute(.cryptographicUsageMask, usageMask),
        ]
        if let name { attributes.append(Attribute(.name, Name(name))) }
        let payload = try await succeed(
            CreateRequest(objectType: .symmetricKey, templateAttribute: TemplateAttribute(attributes: attributes + extra)),
            as: adapter)
        let created = try payload.payload(as: CreateResponse.self)
        return created.uniqueIdentifier
    }

    func state(of identifier: String, as adapter: AdapterContext? = nil) async throws -> State? {
        let payload = try await succeed(GetAttributesRequest(uniqueIdentifier: identifier, attributeNames: ["State"]), as: adapter)
        let response = try payload.payload(as: GetAttributesResponse.self)
        guard let attribute = response.attributes.first, case .enumeration(let raw) = attribute.value else { return nil }
        return State(rawValue: raw)
    }

    /// The first instance of one attribute, as Get Attributes reports it.
    func attribute(_ name: AttributeName, of identifier: String, as adapter: AdapterContext? = nil) async throws -> Attribute {
        let payload = try await succeed(GetAttributesRequest(uniqueIdentifier: identifier, attributeNames: [name.rawValue]), as: adapter)
        let response = try payload.payload(as: GetAttributesResponse.self)
        guard let attribute = response.attributes.first else {
            throw Failure("object \(identifier) has no \(name.rawValue)")
        }
        return attribute
    }

    struct Failure: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }
}
