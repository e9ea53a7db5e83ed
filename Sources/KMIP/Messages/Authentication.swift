import TTLV

/// The Authentication of a request header: one credential (several from KMIP 1.2 on).
public struct Authentication: KMIPStructure {
    public static let tag = Tag.authentication

    public var credentials: [Credential]

    public init(credentials: [Credential]) {
        self.credentials = credentials
    }

    public init(ttlv item: TTLVItem) throws {
        var reader = try StructureReader(item, expecting: Self.tag)
        var credentials: [Credential] = []
        while let credential = reader.optionalItem(.credential) {
            credentials.append(try Credential(ttlv: credential))
        }
        guard !credentials.isEmpty else { throw KMIPDecodingError.missing(.credential, in: Self.tag) }
        self.credentials = credentials
        try reader.finish()
    }

    public func ttlv(version: ProtocolVersion) -> TTLVItem {
        .structure(Self.tag, credentials.map { $0.ttlv(version: version) })
    }
}
