import KMIP
import TTLV

/// What the server tells clients about itself, which protocol versions it speaks, and how much
/// work one request may ask of it.
public struct ServerPolicy: Sendable {
    /// The versions Discover Versions offers, most preferred first. `[.v1_4]` reproduces a
    /// 1.4-only service.
    public var protocolVersions: [ProtocolVersion]
    public var vendorIdentification: String
    /// Batch items one request message may carry; a message with more is answered Invalid
    /// Message without running any of them.
    public var maximumBatchItems: Int
    /// Identifiers a Locate returns when the request gives no Maximum Items.
    public var defaultLocateItems: Int
    /// Identifiers a Locate returns at most, whatever Maximum Items asks for; Located Items
    /// (KMIP 1.3 and later) still tells the client how many matched, so it can page with
    /// Offset Items.
    public var maximumLocateItems: Int
    /// Bytes of one response message at most. A request's own Maximum Response Size may lower
    /// it, never raise it. A batch item whose answer would pass it fails with Response Too Large,
    /// and items after the budget is spent are not run.
    public var maximumResponseSize: Int

    /// 1,000 batch items per request.
    public static let defaultMaximumBatchItems = 1_000
    /// 1,000 Locate results when Maximum Items is absent.
    public static let defaultDefaultLocateItems = 1_000
    /// 10,000 Locate results at most.
    public static let defaultMaximumLocateItems = 10_000
    /// 8 MiB per response.
    public static let defaultMaximumResponseSize = 8 << 20

    public init(
        protocolVersions: [ProtocolVersion] = ProtocolVersion.supported, vendorIdentification: String = "kmipgw",
        maximumBatchItems: Int = defaultMaximumBatchItems, defaultLocateItems: Int = defaultDefaultLocateItems,
        maximumLocateItems: Int = defaultMaximumLocateItems, maximumResponseSize: Int = defaultMaximumResponseSize
    ) {
        self.protocolVersions = protocolVersions
        self.vendorIdentification = vendorIdentification
        self.maximumBatchItems = maximumBatchItems
        self.defaultLocateItems = defaultLocateItems
        self.maximumLocateItems = maximumLocateItems
        self.maximumResponseSize = maximumResponseSize
    }

    /// The version a response to a request of `requested` is written in: the request's own when
    /// it is offered, else the highest offered version below it, else the lowest offered.
    func responseVersion(for requested: ProtocolVersion) -> ProtocolVersion {
        if protocolVersions.contains(requested) { return requested }
        return protocolVersions.filter { $0 < requested }.max() ?? protocolVersions.min() ?? .v1_4
    }
}
