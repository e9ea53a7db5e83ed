import TTLV

/// A KMIP protocol version, major.minor. Responses are encoded for the version their request used.
public struct ProtocolVersion: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var major: Int32
    public var minor: Int32

    public init(major: Int32, minor: Int32) {
        self.major = major
        self.minor = minor
    }

    public static let v1_0 = ProtocolVersion(major: 1, minor: 0)
    public static let v1_1 = ProtocolVersion(major: 1, minor: 1)
    public static let v1_2 = ProtocolVersion(major: 1, minor: 2)
    public static let v1_3 = ProtocolVersion(major: 1, minor: 3)
    public static let v1_4 = ProtocolVersion(major: 1, minor: 4)

    /// The versions this implementation speaks, newest first (the order Discover Versions uses).
    public static let supported: [ProtocolVersion] = [.v1_4, .v1_3, .v1_2, .v1_1, .v1_0]

    public static func < (lhs: ProtocolVersion, rhs: ProtocolVersion) -> Bool {
        (lhs.major, lhs.minor) < (rhs.major, rhs.minor)
    }

    public var description: String { "\(major).\(minor)" }

    /// Parses `1.4`.
    public init?(_ text: String) {
        let parts = text.split(separator: ".")
        guard parts.count == 2, let major = Int32(parts[0]), let minor = Int32(parts[1]) else { return nil }
        self.init(major: major, minor: minor)
    }
}

extension ProtocolVersion: KMIPStructure {
    public static let tag = Tag.protocolVersion

    public init(ttlv item: TTLVItem) throws {
        var reader = try StructureReader(item, expecting: Self.tag)
        self.major = try reader.require(.protocolVersionMajor)
        self.minor = try reader.require(.protocolVersionMinor)
        try reader.finish()
    }

    public func ttlv(version: ProtocolVersion) -> TTLVItem {
        .structure(.protocolVersion, [
            TTLVItem(.protocolVersionMajor, .integer(major)),
            TTLVItem(.protocolVersionMinor, .integer(minor)),
        ])
    }
}
