import KMIP
import TTLV

/// The payload types of each operation, for the vector tests that read payloads by operation.
///
/// The server's table is its registry of operations, which this target cannot see; this one is
/// drawn from the samples of ``PayloadRoundTripTests``, so a payload with a round-trip sample is
/// also read in the vectors.
enum PayloadTypes {
    static let requests: [KMIP.Operation: any KMIPRequestPayload.Type] = Dictionary(
        PayloadRoundTripTests.requests.map { (type(of: $0).operation, type(of: $0)) }, uniquingKeysWith: { first, _ in first })
    static let responses: [KMIP.Operation: any KMIPResponsePayload.Type] = Dictionary(
        PayloadRoundTripTests.responses.map { (type(of: $0).operation, type(of: $0)) }, uniquingKeysWith: { first, _ in first })

    /// The item's payload decoded as its operation's type and encoded again for `version`, or
    /// `nil` when no type of that operation is sampled.
    static func reencoded(_ item: RequestBatchItem, version: ProtocolVersion) throws -> TTLVItem? {
        try requests[item.operation].map { try reencode($0, item.payloadItem, version: version) }
    }

    /// The item's payload decoded as its operation's type and encoded again for `version`, or
    /// `nil` when it has no payload or no type of its operation is sampled.
    static func reencoded(_ item: ResponseBatchItem, version: ProtocolVersion) throws -> TTLVItem? {
        guard let operation = item.operation, let payload = item.payloadItem, let type = responses[operation] else { return nil }
        return try reencode(type, payload, version: version)
    }

    private static func reencode<Payload: KMIPStructure>(_ type: Payload.Type, _ item: TTLVItem, version: ProtocolVersion) throws -> TTLVItem {
        try Payload(ttlv: item).ttlv(version: version)
    }
}
