import TTLV

/// Discover Versions (KMIP 1.1 §4.26): the client lists the versions it speaks, newest first;
/// the server answers with those it shares, in its own order of preference. An empty list asks
/// for every version the server speaks.
public struct DiscoverVersionsRequest: KMIPRequestPayload {
    public static let operation = Operation.discoverVersions

    public var protocolVersions: [ProtocolVersion]

    public init(protocolVersions: [ProtocolVersion] = []) {
        self.protocolVersions = protocolVersions
    }

    public init(ttlv item: TTLVItem) throws {
        var reader = try StructureReader(item, expecting: Self.tag)
        self.protocolVersions = try reader.repeated(.protocolVersion)
        try reader.finish()
    }

    public func ttlv(version: ProtocolVersion) -> TTLVItem {
        .structure(Self.tag, protocolVersions.map { $0.ttlv(version: version) })
    }
}

/// The versions the server shares with the client, in preference order.
public struct DiscoverVersionsResponse: KMIPResponsePayload {
    public static let operation = Operation.discoverVersions

    public var protocolVersions: [ProtocolVersion]

    public init(protocolVersions: [ProtocolVersion]) {
        self.protocolVersions = protocolVersions
    }

    public init(ttlv item: TTLVItem) throws {
        var reader = try StructureReader(item, expecting: Self.tag)
        self.protocolVersions = try reader.repeated(.protocolVersion)
        try reader.finish()
    }

    public func ttlv(version: ProtocolVersion) -> TTLVItem {
        .structure(Self.tag, protocolVersions.map { $0.ttlv(version: version) })
    }
}
