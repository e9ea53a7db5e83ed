import Foundation
import KMIP
import KeyStore
import Logging
import NIOCore
import TTLV

/// Runs one KMIP request message for one adapter and answers it: decoding, the batch rules
/// (Unique Batch Item IDs echoed, Batch Error Continuation Option, ID Placeholder, Maximum
/// Response Size), the limits of ``ServerPolicy`` on the work of one request, and one file per
/// operation under `Operations/`.
///
/// It never throws and never drops a request it could answer: a message that cannot be read
/// gets an Invalid Message response, a payload that cannot be read fails its own batch item
/// with Invalid Field, an operation this server does not perform gets Operation Not Supported.
public struct RequestProcessor: Sendable {
    let store: any StateStore
    let registry: OperationRegistry
    let policy: ServerPolicy
    let decoder: TTLVDecoder
    let clock: @Sendable () -> Date
    let logger: Logger

    /// - Parameters:
    ///   - registry: The operations this processor runs and Query reports.
    ///   - logger: Where internal failures are logged, each once under the incident identifier
    ///     its Result Message names.
    public init(
        store: any StateStore, policy: ServerPolicy = ServerPolicy(), registry: OperationRegistry = .standard,
        maximumMessageSize: Int = TTLVDecoder.defaultMaximumMessageSize, clock: @escaping @Sendable () -> Date = { Date() },
        logger: Logger = Logger(label: "kmipgw.operations")
    ) {
        self.store = store
        self.registry = registry
        self.policy = policy
        self.decoder = TTLVDecoder(maximumMessageSize: maximumMessageSize)
        self.clock = clock
        self.logger = logger
    }

    /// The result of one request: the response frame, and one audit event per batch item.
    public struct Outcome: Sendable {
        public var response: ByteBuffer
        public var events: [AuditEvent]
    }

    /// Answers one framed request for `adapter`. With `refusal`, no batch item is run: each fails
    /// with it (the gateway refuses requests it cannot audit this way).
    public func process(_ frame: ByteBuffer, for adapter: AdapterContext, refusal: OperationError? = nil) async -> Outcome {
        let now = clock()
        let item: TTLVItem
        do {
            item = try decoder.decode(frame)
        } catch {
            return invalidMessage("the request is not valid TTLV: \(error.reason)", version: policy.protocolVersions.first ?? .v1_4, now: now)
        }
        let requestedVersion = RequestMessage.protocolVersion(of: item) ?? policy.protocolVersions.first ?? .v1_4
        let version = policy.responseVersion(for: requestedVersion)
        // Counted before the batch items are decoded into values: those cost far more memory
        // than their bytes.
        let itemCount = item.tag == .requestMessage ? item.children(.batchItem).count : 0
        guard itemCount <= policy.maximumBatchItems else {
            return invalidMessage(
                "the request has \(itemCount) batch items; this server takes at most \(policy.maximumBatchItems) in one message",
                version: version, now: now)
        }
        let request: RequestMessage
        do {
            request = try RequestMessage(ttlv: item)
        } catch {
            return invalidMessage("the request is not a KMIP request message: \(error)", version: version, now: now)
        }
        let onlyDiscovery = request.batchItems.allSatisfy { $0.operation == .discoverVersions }
        guard requestedVersion.major == 1, policy.protocolVersions.contains(requestedVersion) || onlyDiscovery else {
            let offered = policy.protocolVersions.map(\.description).joined(separator: ", ")
            return invalidMessage(
                "protocol version \(requestedVersion) is not offered (offered: \(offered)); use Discover Versions",
                version: version, now: now, request: request)
        }
        let environment = OperationEnvironment(
            store: store, registry: registry, adapter: adapter, policy: policy, version: version, now: now, logger: logger)
        let stopOnFailure = (request.header.batchErrorContinuationOption ?? .stop) != .continue
        // The response is sized as it is built, so that no answer larger than the limit is ever
        // held: the request's Maximum Response Size may lower the server's limit, never raise it.
        let requestLimit = request.header.maximumResponseSize.map { Int(max(0, $0)) }
        let limit = min(requestLimit ?? .max, policy.maximumResponseSize)
        let limitName = (requestLimit.map { $0 <= policy.maximumResponseSize } ?? false)
            ? "the request's Maximum Response Size of \(limit) bytes" : "this server's response size limit of \(limit) bytes"
        var size = 8 + header(version: version, now: now, request: request, count: 0).ttlv(version: version).encodedLength
        var batch = BatchState()
        var items: [TTLVItem] = []
        var events: [AuditEvent] = []
        for batchItem in request.batchItems {
            batch.objectIdentifier = nil
            batch.wrappingKeyIdentifier = nil
            var result: ResponseBatchItem
            var failure: OperationError? = nil
            do throws(OperationError) {
                if let refusal { throw refusal }
                guard size < limit else {
                    throw OperationError(.responseTooLarge, "not run: the response already reached \(limitName)")
                }
                let handler = try registry.handler(for: batchItem.operation)
                let payload = try await handler.answer(batchItem.payloadItem, in: environment, batch: &batch)
                result = .success(payloadItem: payload, operation: batchItem.operation, uniqueBatchItemID: batchItem.uniqueBatchItemID)
            } catch {
                // The audit log records what the client was told.
                let told = OperationError(error.reason.expressed(in: version), error.message)
                failure = told
                result = .failure(told.reason, told.message, operation: batchItem.operation, uniqueBatchItemID: batchItem.uniqueBatchItemID)
            }
            var encoded = result.ttlv(version: version)
            if failure == nil, size + encoded.encodedLength > limit {
                let told = OperationError(
                    .responseTooLarge, "the answer (\(encoded.encodedLength) bytes) would take the response past \(limitName)")
                failure = told
                result = .failure(told.reason, told.message, operation: batchItem.operation, uniqueBatchItemID: batchItem.uniqueBatchItemID)
                encoded = result.ttlv(version: version)
            }
            size += encoded.encodedLength
            items.append(encoded)
            events.append(AuditEvent(time: now, context: adapter, operation: batchItem.operation, batch: batch, failure: failure))
            // Stop (the default) and Undo end the batch at the first failure; what completed stays
            // done, since every completed operation is already durable.
            if failure != nil, stopOnFailure { break }
        }
        let headerItem = header(version: version, now: now, request: request, count: items.count).ttlv(version: version)
        let response = TTLVItem.structure(.responseMessage, [headerItem] + items).encoded()
        return Outcome(response: response, events: events)
    }

    private func header(version: ProtocolVersion, now: Date, request: RequestMessage?, count: Int) -> ResponseHeader {
        ResponseHeader(
            protocolVersion: version, timeStamp: now, clientCorrelationValue: request?.header.clientCorrelationValue,
            batchCount: Int32(count))
    }

    /// A response to a message that could not be read: one failed batch item, Invalid Message.
    private func invalidMessage(_ message: String, version: ProtocolVersion, now: Date, request: RequestMessage? = nil) -> Outcome {
        let item = ResponseBatchItem.failure(
            .invalidMessage, message, operation: request?.batchItems.first?.operation,
            uniqueBatchItemID: request?.batchItems.first?.uniqueBatchItemID)
        let response = ResponseMessage(header: header(version: version, now: now, request: request, count: 1), batchItems: [item])
        return Outcome(response: response.ttlv(version: version).encoded(), events: [])
    }
}
