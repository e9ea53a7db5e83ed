import KMIP
import TTLV

/// What the server tells clients about itself and which protocol versions it speaks.
public struct ServerPolicy: Sendable {
    /// The versions Discover Versions offers, most preferred first. `[.v1_4]` reproduces a
    /// 1.4-only service.
    public var protocolVersions: [ProtocolVersion]
    public var vendorIdentification: String

    public init(protocolVersions: [ProtocolVersion] = ProtocolVersion.supported, vendorIdentification: String = "kmipgw") {
        self.protocolVersions = protocolVersions
        self.vendorIdentification = vendorIdentification
    }

    /// The version a response to a request of `requested` is written in: the request's own when
    /// it is offered, else the highest offered version below it, else the lowest offered.
    func responseVersion(for requested: ProtocolVersion) -> ProtocolVersion {
        if protocolVersions.contains(requested) { return requested }
        return protocolVersions.filter { $0 < requested }.max() ?? protocolVersions.min() ?? .v1_4
    }
}
