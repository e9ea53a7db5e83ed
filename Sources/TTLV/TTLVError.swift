/// Why a byte sequence is not valid TTLV.
///
/// Shaped like swift-certificates' `CertificateError`: a stable `code` to switch on, the byte
/// `offset` of the item at fault, its `tag` when it was read, a human `reason`, and the source
/// location that raised it. Two errors are equal when their codes are: callers switch on the kind
/// of failure, never on where in a message or in the decoder it was found.
public struct TTLVError: Error, Hashable, Sendable {
    /// A stable identifier of the kind of failure.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        enum Backing: String, Hashable, Sendable {
            case truncated
            case lengthPastEnd
            case invalidLength
            case nonZeroPadding
            case invalidUTF8
            case invalidBoolean
            case nestingTooDeep
            case messageTooLarge
            case unknownItemType
            case structureLengthMismatch
            case trailingBytes
            case invalidText
        }

        let backing: Backing

        /// Fewer bytes than an item header or value needs.
        public static let truncated = Code(backing: .truncated)
        /// A length field that points past the end of the enclosing structure or message.
        public static let lengthPastEnd = Code(backing: .lengthPastEnd)
        /// A length that the item type does not allow (a fixed-size type, or a Big Integer not a multiple of 8).
        public static let invalidLength = Code(backing: .invalidLength)
        /// Padding bytes that are not zero.
        public static let nonZeroPadding = Code(backing: .nonZeroPadding)
        /// A Text String that is not UTF-8.
        public static let invalidUTF8 = Code(backing: .invalidUTF8)
        /// A Boolean whose 8 bytes are neither 0 nor 1.
        public static let invalidBoolean = Code(backing: .invalidBoolean)
        /// Structures nested deeper than the decoder allows.
        public static let nestingTooDeep = Code(backing: .nestingTooDeep)
        /// A message longer than the decoder's maximum.
        public static let messageTooLarge = Code(backing: .messageTooLarge)
        /// An item type byte that KMIP 1.x does not define.
        public static let unknownItemType = Code(backing: .unknownItemType)
        /// A structure whose children do not exactly fill its length.
        public static let structureLengthMismatch = Code(backing: .structureLengthMismatch)
        /// Bytes left over after the top-level item.
        public static let trailingBytes = Code(backing: .trailingBytes)
        /// Text that the textual TTLV form cannot read.
        public static let invalidText = Code(backing: .invalidText)

        public var description: String { backing.rawValue }
    }

    public let code: Code
    /// Byte offset of the item (or header) at fault, from the start of the message; for the
    /// textual form, the 1-based line number.
    public let offset: Int
    /// The tag of the item at fault, when its header could be read.
    public let tag: Tag?
    public let reason: String
    /// Where the error was raised (`file:line` in kmipgw's sources), for diagnostics.
    public let location: String

    /// An error of kind `code`; `file` and `line` default to the place that creates it.
    @inline(never)
    public init(code: Code, offset: Int, tag: Tag? = nil, reason: String, file: String = #fileID, line: UInt = #line) {
        self.code = code
        self.offset = offset
        self.tag = tag
        self.reason = reason
        self.location = "\(file):\(line)"
    }

    public static func == (lhs: TTLVError, rhs: TTLVError) -> Bool {
        lhs.code == rhs.code
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(code)
    }
}

extension TTLVError: CustomStringConvertible {
    public var description: String {
        var text = "TTLV \(code) at byte \(offset)"
        if let tag { text += " (tag \(tag))" }
        return text + ": " + reason
    }
}

extension TTLVError: CustomDebugStringConvertible {
    /// The description with the source location: `TTLV truncated at byte 8: … (TTLV/TTLVDecoder.swift:66)`.
    public var debugDescription: String {
        "\(description) (\(location))"
    }
}
