import TTLV

/// The Name attribute: a label a client can find an object by.
public struct Name: KMIPStructure {
    public static let tag = Tag.name

    public var value: String
    public var type: NameType

    public init(_ value: String, type: NameType = .uninterpretedTextString) {
        self.value = value
        self.type = type
    }

    public init(ttlv item: TTLVItem) throws {
        var reader = try StructureReader(item, expecting: Self.tag)
        self.value = try reader.require(.nameValue)
        self.type = try reader.require(.nameType)
        try reader.finish()
    }

    public func ttlv(version: ProtocolVersion) -> TTLVItem {
        .structure(.name, [TTLVItem(.nameValue, value), TTLVItem(.nameType, type)])
    }
}
