import ArgumentParser
import Foundation
import KMIP
import KMIPClient
import NIOCore
import Synchronization
import TTLV

/// What one `kmipgw bench load` worker sends, and how it checks each answer.
///
/// Requests that do not change between sends are encoded once, so the generator spends its CPU
/// on TLS and on decoding the responses it must check, not on building requests.
struct BenchWorkload: Sendable {
    /// The `--op` choices.
    enum Kind: String, ExpressibleByArgument, CaseIterable, Sendable {
        case get, create, locate, query, handshake, vcenter, mixed
        /// Against `kmipgw bench echo-server`: the Get request bytes, echoed, not decoded.
        case echo
        case echoHandshake = "echo-handshake"
    }

    /// What a worker starts with: a connection for the persistent workloads, none for those
    /// that connect per request.
    struct Session: Sendable {
        var connection: KMIPClientConnection?
    }

    /// The answer to one request: the checked response (none for an echo), or why it counts as an error.
    enum Outcome: Sendable {
        case success(ResponseMessage?)
        case failure(String)
    }

    let kind: Kind
    /// Connects; one per event loop, see ``on(_:)``.
    private(set) var client: KMIPClient
    let version: ProtocolVersion
    /// The key that Get and Locate ask for (and its Name), created once by ``prepare(_:client:)``.
    let keyIdentifier: String
    let keyName: String
    let getRequest: ByteBuffer
    let createRequest: ByteBuffer
    let locateRequest: ByteBuffer
    let queryRequest: ByteBuffer
    /// When set, each Locate asks for one of `fill-0 … fill-<n-1>` at random (the keys
    /// `kmipgw bench fill` makes) instead of the bench's own key, so that the run reads
    /// the whole index of a large store rather than one cached page.
    var locateAmong: Int?

    /// Creates the named key that `get`, `locate`, `handshake` and `mixed` need, and encodes the requests.
    static func prepare(_ kind: Kind, client: KMIPClient) async throws -> BenchWorkload {
        let version = client.configuration.protocolVersion
        let name = "kmipgw-bench-\(UUID().uuidString.lowercased())"
        var identifier = ""
        if [.get, .locate, .handshake, .mixed].contains(kind) {
            identifier = try await client.withConnection { try await $0.createSymmetricKey(name: name) }
        }
        func encode(_ payload: some KMIPRequestPayload) -> ByteBuffer {
            RequestMessage(version: version, payloads: [payload]).encoded()
        }
        return BenchWorkload(
            kind: kind, client: client, version: version, keyIdentifier: identifier, keyName: name,
            getRequest: encode(GetRequest(uniqueIdentifier: identifier)),
            createRequest: encode(Self.createPayload(name: nil)),
            locateRequest: encode(LocateRequest(attributes: [Attribute(.name, Name(name))])),
            queryRequest: encode(QueryRequest(queryFunctions: [.queryOperations, .queryObjects]))
        )
    }

    /// The same workload connecting through `client` (one bound to a worker's event loop).
    func on(_ client: KMIPClient) -> BenchWorkload {
        var copy = self
        copy.client = client
        return copy
    }

    /// A worker's starting point: persistent workloads connect here, before the clock starts.
    func openSession() async throws -> Session {
        switch kind {
        case .handshake, .vcenter, .echoHandshake: Session(connection: nil)
        default: Session(connection: try await client.connect())
        }
    }

    /// Sends requests until `deadline` (or until `limit` requests were issued by all workers).
    func drive(
        _ session: Session, until deadline: ContinuousClock.Instant?, limit: BenchLimit, counters: BenchCounters
    ) async -> BenchWorkerResult {
        var result = BenchWorkerResult()
        var connection = session.connection
        let clock = ContinuousClock()
        var sequence = 0
        while true {
            if let deadline {
                if clock.now >= deadline { break }
            } else if case .requests(let total) = limit {
                let steps = kind == .vcenter ? 8 : 1
                if counters.issued.wrappingAdd(steps, ordering: .relaxed).oldValue >= total { break }
            }
            sequence &+= 1
            switch kind {
            case .handshake, .echoHandshake:
                let begin = clock.now
                let outcome = await oneShot(getRequest)
                result.record(outcome, latency: begin.duration(to: clock.now), counters: counters)
            case .vcenter:
                await vcenterSequence(into: &result, counters: counters)
            default:
                if connection == nil {
                    do {
                        connection = try await client.connect()
                    } catch {
                        result.record(.failure(Self.transportKind(error)), latency: .zero, counters: counters)
                        try? await Task.sleep(for: .milliseconds(50))
                        continue
                    }
                }
                guard let open = connection else { continue }
                let request = request(for: sequence)
                let begin = clock.now
                let outcome = await exchange(open, request)
                result.record(outcome, latency: begin.duration(to: clock.now), counters: counters)
                if case .failure = outcome, !open.isActive {
                    await open.close()
                    connection = nil
                }
            }
        }
        await connection?.close()
        return result
    }

    /// The request a persistent worker sends as its `sequence`th: `mixed` is 80% Get, 10% Locate,
    /// 10% Create.
    private func request(for sequence: Int) -> ByteBuffer {
        switch kind {
        case .get: getRequest
        case .create: createRequest
        case .locate:
            if let locateAmong {
                RequestMessage(version: version, payloads: [
                    LocateRequest(attributes: [Attribute(.name, Name("fill-\(Int.random(in: 0..<locateAmong))"))])
                ]).encoded()
            } else {
                locateRequest
            }
        case .query: queryRequest
        case .mixed:
            switch sequence % 10 {
            case 0: createRequest
            case 1: locateRequest
            default: getRequest
            }
        case .handshake, .vcenter, .echo, .echoHandshake: getRequest
        }
    }

    /// Sends one request on an open connection and checks the answer.
    private func exchange(_ connection: KMIPClientConnection, _ request: ByteBuffer) async -> Outcome {
        do {
            let bytes = try await connection.sendRaw(request)
            return kind == .echo ? .success(nil) : Self.checkStatus(bytes, locate: kind == .locate)
        } catch {
            return .failure(Self.transportKind(error))
        }
    }

    /// A new TLS connection, one request, close: what vCenter does for almost every request.
    private func oneShot(_ request: ByteBuffer) async -> Outcome {
        do {
            let echo = kind == .echoHandshake
            return try await client.withConnection { connection in
                let bytes = try await connection.sendRaw(request)
                return echo ? .success(nil) : Self.check(bytes, locate: false)
            }
        } catch {
            return .failure(Self.transportKind(error))
        }
    }

    /// vCenter's key provisioning, each step on a fresh connection: Discover Versions, Query
    /// server information, Create AES-256, Get Attributes x-Product_Version, three Add Attribute
    /// in one batch, Get Attributes State, Activate, Get.
    private func vcenterSequence(into result: inout BenchWorkerResult, counters: BenchCounters) async {
        let clock = ContinuousClock()
        func step(_ payloads: [any KMIPRequestPayload]) async -> ResponseMessage? {
            let begin = clock.now
            let outcome = await oneShot(RequestMessage(version: version, payloads: payloads).encoded())
            result.record(outcome, latency: begin.duration(to: clock.now), counters: counters)
            if case .success(let response?) = outcome { return response }
            return nil
        }
        _ = await step([DiscoverVersionsRequest(protocolVersions: [])])
        _ = await step([QueryRequest(queryFunctions: [.queryServerInformation])])
        guard let created = await step([Self.createPayload(name: "vcenter-\(UUID().uuidString.lowercased())")]),
              let create = try? created.batchItems.first?.payload(as: CreateResponse.self)
        else { return }
        let id = create.uniqueIdentifier
        _ = await step([GetAttributesRequest(uniqueIdentifier: id, attributeNames: ["x-Product_Version"])])
        _ = await step([
            AddAttributeRequest(uniqueIdentifier: id, attribute: Attribute(name: "x-Vendor", value: .textString("VMware, Inc."))),
            AddAttributeRequest(uniqueIdentifier: id, attribute: Attribute(name: "x-Product", value: .textString("VMware vSphere"))),
            AddAttributeRequest(uniqueIdentifier: id, attribute: Attribute(name: "x-Product_Version", value: .textString("8.0.3"))),
        ])
        _ = await step([GetAttributesRequest(uniqueIdentifier: id, attributeNames: ["State"])])
        _ = await step([ActivateRequest(uniqueIdentifier: id)])
        _ = await step([GetRequest(uniqueIdentifier: id)])
    }

    /// Create an AES-256 key for encryption and decryption, with a Name if given.
    private static func createPayload(name: String?) -> CreateRequest {
        var template = [
            Attribute(.cryptographicAlgorithm, CryptographicAlgorithm.aes),
            Attribute(.cryptographicLength, Int32(256)),
            Attribute(.cryptographicUsageMask, CryptographicUsageMask([.encrypt, .decrypt]).rawValue),
        ]
        if let name { template.append(Attribute(.name, Name(name))) }
        return CreateRequest(objectType: .symmetricKey, templateAttribute: TemplateAttribute(attributes: template))
    }

    /// Success only if the response decodes and every batch item succeeded (and, for Locate,
    /// found the key); otherwise the Result Reason of the first failed item.
    private static func check(_ bytes: ByteBuffer, locate: Bool) -> Outcome {
        let response: ResponseMessage
        do {
            response = try ResponseMessage(bytes: bytes)
        } catch {
            return .failure("invalid response")
        }
        guard !response.batchItems.isEmpty else { return .failure("no batch items") }
        for item in response.batchItems where item.resultStatus != .success {
            return .failure(item.resultReason.map { "\($0)" } ?? "\(item.resultStatus)")
        }
        if locate {
            guard let located = try? response.batchItems[0].payload(as: LocateResponse.self) else { return .failure("invalid response") }
            if located.uniqueIdentifiers.isEmpty { return .failure("Locate found nothing") }
        }
        return .success(response)
    }

    /// The same verdict as ``check(_:locate:)`` without building the model, for the persistent
    /// workloads that need nothing from the answer: the bytes must decode as TTLV into a Response
    /// Message whose every Batch Item says Success (and a Locate's names an object).
    private static func checkStatus(_ bytes: ByteBuffer, locate: Bool) -> Outcome {
        guard let message = try? TTLVDecoder().decode(bytes), message.tag == .responseMessage else {
            return .failure("invalid response")
        }
        let items = message.children(.batchItem)
        guard !items.isEmpty else { return .failure("no batch items") }
        for item in items {
            guard case .enumeration(let status)? = item.child(.resultStatus)?.value else { return .failure("invalid response") }
            guard status == ResultStatus.success.rawValue else {
                if case .enumeration(let reason)? = item.child(.resultReason)?.value { return .failure("\(ResultReason(rawValue: reason))") }
                return .failure("\(ResultStatus(rawValue: status))")
            }
        }
        if locate, items[0].child(.responsePayload)?.child(.uniqueIdentifier) == nil {
            return .failure("Locate found nothing")
        }
        return .success(nil)
    }

    /// A transport failure by kind: the client error code, or the error's type.
    private static func transportKind(_ error: any Error) -> String {
        if let error = error as? KMIPClientError { return "transport: \(error.code)" }
        return "transport: \(type(of: error))"
    }
}
