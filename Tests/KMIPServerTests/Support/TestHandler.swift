import Foundation
import KMIP
import KMIPServer
import NIOConcurrencyHelpers
import NIOCore
import TTLV

/// A stand-in for the Operations layer: answers Discover Versions, answers Query with the
/// caller's identity as Vendor Identification, and fails everything else with Operation Not
/// Supported whose Result Message names the identity. Records every call.
final class TestHandler: KMIPRequestHandler {
    struct Call: Sendable, Hashable {
        var client: ClientIdentity
        var operations: [KMIP.Operation]
    }

    private let calls = NIOLockedValueBox<[Call]>([])
    private let queryDelay: Duration?
    private let started = NIOLockedValueBox(0)

    init(queryDelay: Duration? = nil) {
        self.queryDelay = queryDelay
    }

    var recorded: [Call] { calls.withLockedValue { $0 } }
    var startedCount: Int { started.withLockedValue { $0 } }

    static func describe(_ client: ClientIdentity) -> String {
        "\(client.instance)/\(client.adapter)/\(client.binding)"
    }

    func handle(_ request: ByteBuffer, from client: ClientIdentity, peer: SocketAddress?) async -> ByteBuffer {
        started.withLockedValue { $0 += 1 }
        guard let message = try? RequestMessage(bytes: request) else {
            return ResponseMessage(
                header: ResponseHeader(protocolVersion: .v1_0, timeStamp: Date(), batchCount: 1),
                batchItems: [.failure(.invalidMessage, "undecodable", operation: nil)]
            ).encoded()
        }
        calls.withLockedValue { $0.append(Call(client: client, operations: message.batchItems.map(\.operation))) }
        if let queryDelay, message.batchItems.contains(where: { $0.operation == .query }) {
            try? await Task.sleep(for: queryDelay)
        }
        let items: [ResponseBatchItem] = message.batchItems.map { item in
            switch item.operation {
            case .discoverVersions:
                .success(DiscoverVersionsResponse(protocolVersions: ProtocolVersion.supported),
                         version: message.header.protocolVersion, uniqueBatchItemID: item.uniqueBatchItemID)
            case .query:
                .success(QueryResponse(vendorIdentification: Self.describe(client)),
                         version: message.header.protocolVersion, uniqueBatchItemID: item.uniqueBatchItemID)
            default:
                .failure(.operationNotSupported, Self.describe(client), operation: item.operation, uniqueBatchItemID: item.uniqueBatchItemID)
            }
        }
        return ResponseMessage(
            header: ResponseHeader(protocolVersion: message.header.protocolVersion, timeStamp: Date(), batchCount: Int32(items.count)),
            batchItems: items
        ).encoded()
    }
}
