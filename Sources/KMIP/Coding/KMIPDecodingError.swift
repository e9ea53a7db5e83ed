import TTLV

/// Why a well-formed TTLV tree is not the KMIP message or payload it claims to be.
///
/// Shaped like swift-certificates' `CertificateError`; ``resultReason`` is the KMIP Result Reason
/// a server answers with.
public struct KMIPDecodingError: Error, Hashable, Sendable {
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        enum Backing: String, Hashable, Sendable {
            case wrongTag, wrongType, missingField, unexpectedField, invalidValue
        }

        let backing: Backing

        /// The item is not the structure expected here (a request where a response was due).
        public static let wrongTag = Code(backing: .wrongTag)
        /// The item has the expected tag but another item type.
        public static let wrongType = Code(backing: .wrongType)
        /// A required field is absent.
        public static let missingField = Code(backing: .missingField)
        /// A field the structure does not define, or defines only once, is present.
        public static let unexpectedField = Code(backing: .unexpectedField)
        /// A field has the right type but a value the specification does not allow.
        public static let invalidValue = Code(backing: .invalidValue)

        public var description: String { backing.rawValue }
    }

    public let code: Code
    /// The tag of the field at fault.
    public let tag: Tag
    public let reason: String

    public init(code: Code, tag: Tag, reason: String) {
        self.code = code
        self.tag = tag
        self.reason = reason
    }

    /// The Result Reason a KMIP server reports for this failure.
    public var resultReason: ResultReason {
        code == .wrongTag ? .invalidMessage : .invalidField
    }

    static func missing(_ tag: Tag, in parent: Tag) -> KMIPDecodingError {
        KMIPDecodingError(
            code: .missingField, tag: tag,
            reason: "\(KMIPRegistry.displayName(of: parent)) lacks the required \(KMIPRegistry.displayName(of: tag))"
        )
    }

    static func invalid(_ tag: Tag, _ reason: String) -> KMIPDecodingError {
        KMIPDecodingError(code: .invalidValue, tag: tag, reason: "\(KMIPRegistry.displayName(of: tag)): \(reason)")
    }
}

extension KMIPDecodingError: CustomStringConvertible {
    public var description: String { reason }
}

extension KMIPRegistry {
    /// The tag's name, or its hexadecimal value when it has none.
    public static func displayName(of tag: Tag) -> String {
        name(of: tag) ?? tag.description
    }
}
