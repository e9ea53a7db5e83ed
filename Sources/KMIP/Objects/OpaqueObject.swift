import TTLV

/// An Opaque Object managed object (KMIP 1.4 §2.2.8): bytes the server keeps without knowing
/// what they are, with a type only their owner interprets.
public struct OpaqueObject: KMIPStructure {
    public static let tag = Tag.opaqueObject

    /// Vendor-defined; the specification names no value but the extension range.
    public var opaqueDataType: OpaqueDataType
    public var opaqueDataValue: [UInt8]

    public init(opaqueDataType: OpaqueDataType, opaqueDataValue: [UInt8]) {
        self.opaqueDataType = opaqueDataType
        self.opaqueDataValue = opaqueDataValue
    }

    public init(ttlv item: TTLVItem) throws {
        var reader = try StructureReader(item, expecting: Self.tag)
        self.opaqueDataType = try reader.require(.opaqueDataType)
        self.opaqueDataValue = try reader.require(.opaqueDataValue)
        try reader.finish()
    }

    public func ttlv(version: ProtocolVersion) -> TTLVItem {
        .structure(Self.tag, [TTLVItem(.opaqueDataType, opaqueDataType), TTLVItem(.opaqueDataValue, opaqueDataValue)])
    }
}
