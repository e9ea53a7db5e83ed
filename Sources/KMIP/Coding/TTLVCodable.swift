import Foundation
import TTLV

/// A value that reads itself from one TTLV item.
public protocol TTLVDecodable: Sendable {
    init(ttlv item: TTLVItem) throws
}

/// A leaf value that maps to one TTLV item type; the tag comes from where it is used.
public protocol TTLVScalar: TTLVDecodable {
    var ttlvValue: TTLVValue { get }
}

/// A KMIP structure with a fixed tag, encoded for a given protocol version.
public protocol KMIPStructure: TTLVDecodable, Hashable {
    static var tag: Tag { get }
    func ttlv(version: ProtocolVersion) -> TTLVItem
}

extension TTLVItem {
    /// The scalar as an item with `tag`.
    public init(_ tag: Tag, _ scalar: some TTLVScalar) {
        self.init(tag, scalar.ttlvValue)
    }

    func wrongType(_ expected: ItemType) -> KMIPDecodingError {
        KMIPDecodingError(
            code: .wrongType, tag: tag,
            reason: "\(KMIPRegistry.displayName(of: tag)) must be \(expected.name.withArticle), not \(itemType.name.withArticle)"
        )
    }
}

extension String {
    /// `an Integer`, `a TextString`.
    var withArticle: String {
        (first.map { "AEIOU".contains($0) } ?? false ? "an " : "a ") + self
    }
}

extension Int32: TTLVScalar {
    public init(ttlv item: TTLVItem) throws {
        guard case .integer(let value) = item.value else { throw item.wrongType(.integer) }
        self = value
    }

    public var ttlvValue: TTLVValue { .integer(self) }
}

extension Int64: TTLVScalar {
    public init(ttlv item: TTLVItem) throws {
        guard case .longInteger(let value) = item.value else { throw item.wrongType(.longInteger) }
        self = value
    }

    public var ttlvValue: TTLVValue { .longInteger(self) }
}

extension Bool: TTLVScalar {
    public init(ttlv item: TTLVItem) throws {
        guard case .boolean(let value) = item.value else { throw item.wrongType(.boolean) }
        self = value
    }

    public var ttlvValue: TTLVValue { .boolean(self) }
}

extension String: TTLVScalar {
    public init(ttlv item: TTLVItem) throws {
        guard case .textString(let value) = item.value else { throw item.wrongType(.textString) }
        self = value
    }

    public var ttlvValue: TTLVValue { .textString(self) }
}

extension Array: TTLVDecodable where Element == UInt8 {}

extension Array: TTLVScalar where Element == UInt8 {
    public init(ttlv item: TTLVItem) throws {
        guard case .byteString(let value) = item.value else { throw item.wrongType(.byteString) }
        self = value
    }

    public var ttlvValue: TTLVValue { .byteString(self) }
}

extension Date: TTLVScalar {
    public init(ttlv item: TTLVItem) throws {
        guard case .dateTime(let seconds) = item.value else { throw item.wrongType(.dateTime) }
        self.init(timeIntervalSince1970: TimeInterval(seconds))
    }

    /// KMIP carries whole seconds; fractions are dropped toward the past.
    public var ttlvValue: TTLVValue { .dateTime(Int64(timeIntervalSince1970.rounded(.down))) }
}

extension KMIPEnumeration {
    public init(ttlv item: TTLVItem) throws {
        guard case .enumeration(let value) = item.value else { throw item.wrongType(.enumeration) }
        self.init(rawValue: value)
    }

    public var ttlvValue: TTLVValue { .enumeration(rawValue) }
}

extension CryptographicUsageMask: TTLVScalar {
    public init(ttlv item: TTLVItem) throws {
        self.init(rawValue: try Int32(ttlv: item))
    }

    public var ttlvValue: TTLVValue { .integer(rawValue) }
}

extension StorageStatusMask: TTLVScalar {
    public init(ttlv item: TTLVItem) throws {
        self.init(rawValue: try Int32(ttlv: item))
    }

    public var ttlvValue: TTLVValue { .integer(rawValue) }
}
