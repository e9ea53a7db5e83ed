/// A TTLV tag: the three-byte field that names an item.
///
/// KMIP defines tags in 0x420000–0x42FFFF; 0x540000–0x54FFFF is reserved for vendor
/// extensions. Any three-byte value decodes, so unknown tags travel through unchanged.
public struct Tag: RawRepresentable, Hashable, Sendable, Comparable {
    public let rawValue: UInt32

    /// Creates a tag, keeping only its low 24 bits (the wire field is three bytes).
    public init(rawValue: UInt32) {
        self.rawValue = rawValue & 0x00FF_FFFF
    }

    public init(_ rawValue: UInt32) {
        self.init(rawValue: rawValue)
    }

    /// Whether the tag lies in the range the specification reserves for vendor extensions.
    public var isExtension: Bool {
        (rawValue & 0xFF_0000) == 0x54_0000
    }

    public static func < (lhs: Tag, rhs: Tag) -> Bool {
        lhs.rawValue < rhs.rawValue
    }
}

extension Tag: CustomStringConvertible {
    /// The tag in the spec's hexadecimal spelling, `0x42005C`.
    public var description: String {
        "0x" + String(rawValue, radix: 16, uppercase: true).leftPadded(to: 6)
    }
}

extension String {
    func leftPadded(to width: Int, with pad: Character = "0") -> String {
        count >= width ? self : String(repeating: pad, count: width - count) + self
    }
}
