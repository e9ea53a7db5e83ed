import TTLV

/// A KMIP enumeration: a 32-bit value with a registry of the names the specification gives it.
///
/// Enumerations are open structs rather than Swift enums, so a value from a later version or a
/// vendor extension survives decoding and can be answered with a precise error.
public protocol KMIPEnumeration: RawRepresentable, Hashable, Sendable, CustomStringConvertible, TTLVScalar
where RawValue == UInt32 {
    init(rawValue: UInt32)
    /// The specification's names of the known values, in the KMIP XML spelling (`SymmetricKey`).
    static var names: [UInt32: String] { get }
}

extension KMIPEnumeration {
    /// The specification's name of this value, or `nil` for a value this build does not know.
    public var name: String? { Self.names[rawValue] }

    public var description: String {
        name ?? hex8(rawValue)
    }

    /// Looks a value up by name, ignoring case, spaces, hyphens and underscores, so `Pre-Active`,
    /// `PreActive` and `pre_active` all match; `0x00000001` is accepted too.
    public init?(name: String) {
        if let value = parseHexadecimal(name) {
            self.init(rawValue: value)
            return
        }
        let key = normalizedKMIPName(name)
        guard let match = Self.names.first(where: { normalizedKMIPName($0.value) == key }) else { return nil }
        self.init(rawValue: match.key)
    }

    /// The value as a TTLV Enumeration item.
    public func item(_ tag: Tag) -> TTLVItem {
        TTLVItem(tag, .enumeration(rawValue))
    }
}

/// `0x0000000A`: the spelling the KMIP XML encoding uses for an unnamed enumeration value.
func hex8(_ value: UInt32) -> String {
    let digits = String(value, radix: 16, uppercase: true)
    return "0x" + String(repeating: "0", count: max(0, 8 - digits.count)) + digits
}

/// The comparison key of a KMIP name: lower case, without spaces, hyphens, underscores or dots.
func normalizedKMIPName(_ name: String) -> String {
    let key = String(name.lowercased().filter { $0 != " " && $0 != "-" && $0 != "_" && $0 != "." })
    return encodingSpellings[key] ?? key
}

/// Names the KMIP XML and JSON encodings spell differently from the specification, because an
/// XML name may not start with a digit: the OASIS test cases write 3DES as `DES3`.
private let encodingSpellings = ["des3": "tripledes", "3des": "tripledes"]

func parseHexadecimal(_ text: String) -> UInt32? {
    guard text.hasPrefix("0x") || text.hasPrefix("0X") else { return nil }
    return UInt32(text.dropFirst(2), radix: 16)
}
