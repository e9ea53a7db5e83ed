/// The one-byte item type of a TTLV item, as KMIP 1.x defines them.
public enum ItemType: UInt8, Sendable, CaseIterable {
    case structure = 0x01
    case integer = 0x02
    case longInteger = 0x03
    case bigInteger = 0x04
    case enumeration = 0x05
    case boolean = 0x06
    case textString = 0x07
    case byteString = 0x08
    case dateTime = 0x09
    case interval = 0x0A

    /// The exact value length a fixed-size type must carry, or `nil` for variable-length types.
    public var fixedLength: Int? {
        switch self {
        case .integer, .enumeration, .interval: 4
        case .longInteger, .boolean, .dateTime: 8
        case .structure, .bigInteger, .textString, .byteString: nil
        }
    }

    /// The name the KMIP XML and JSON encodings use for the type.
    public var name: String {
        switch self {
        case .structure: "Structure"
        case .integer: "Integer"
        case .longInteger: "LongInteger"
        case .bigInteger: "BigInteger"
        case .enumeration: "Enumeration"
        case .boolean: "Boolean"
        case .textString: "TextString"
        case .byteString: "ByteString"
        case .dateTime: "DateTime"
        case .interval: "Interval"
        }
    }

    /// Looks a type up by its XML/JSON name (`TextString`) or spaced spec name (`Text String`).
    public init?(name: String) {
        let compact = String(name.filter { $0 != " " && $0 != "-" && $0 != "_" }).lowercased()
        guard let match = ItemType.allCases.first(where: { $0.name.lowercased() == compact }) else {
            return nil
        }
        self = match
    }
}
