/// Operations by the protocol version that defines them.
///
/// The enumeration is shared by every version, but a server speaking one version offers only
/// what that version defines: KMIP 1.0 has no Discover Versions (1.1 added it), and the
/// cryptographic operations came with 1.2. Query answers from this, so that a 1.0 client is not
/// told of operations its version cannot name.
extension Operation {
    /// The first protocol version that defines this operation, or `nil` for one no version names.
    public var since: ProtocolVersion? {
        switch rawValue {
        case 0x01...0x1C: .v1_0
        case 0x1D...0x1E: .v1_1
        case 0x1F...0x29: .v1_2
        case 0x2A...0x2B: .v1_4
        case 0x2C...0x35: ProtocolVersion(major: 2, minor: 0)
        default: nil
        }
    }

    /// Whether `version` defines this operation.
    public func isDefined(in version: ProtocolVersion) -> Bool {
        since.map { $0 <= version } ?? false
    }
}
