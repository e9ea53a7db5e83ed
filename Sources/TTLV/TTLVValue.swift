/// The value of one TTLV item: one case per KMIP 1.x item type.
public enum TTLVValue: Hashable, Sendable {
    case structure([TTLVItem])
    case integer(Int32)
    case longInteger(Int64)
    /// Big-endian two's complement; the wire length is a multiple of 8, so the bytes keep their
    /// sign-extension padding and re-encode unchanged.
    case bigInteger([UInt8])
    case enumeration(UInt32)
    case boolean(Bool)
    case textString(String)
    case byteString([UInt8])
    /// Seconds since the POSIX epoch, as a signed 64-bit count.
    case dateTime(Int64)
    /// A duration in seconds.
    case interval(UInt32)

    /// The item type this value encodes as.
    public var itemType: ItemType {
        switch self {
        case .structure: .structure
        case .integer: .integer
        case .longInteger: .longInteger
        case .bigInteger: .bigInteger
        case .enumeration: .enumeration
        case .boolean: .boolean
        case .textString: .textString
        case .byteString: .byteString
        case .dateTime: .dateTime
        case .interval: .interval
        }
    }
}
