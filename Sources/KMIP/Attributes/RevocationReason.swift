import TTLV

/// The Revocation Reason of a Revoke request, kept as an attribute of the revoked object.
public struct RevocationReason: KMIPStructure {
    public static let tag = Tag.revocationReason

    public var code: RevocationReasonCode
    public var message: String?

    public init(code: RevocationReasonCode, message: String? = nil) {
        self.code = code
        self.message = message
    }

    public init(ttlv item: TTLVItem) throws {
        var reader = try StructureReader(item, expecting: Self.tag)
        self.code = try reader.require(.revocationReasonCode)
        self.message = try reader.optional(.revocationMessage)
        try reader.finish()
    }

    public func ttlv(version: ProtocolVersion) -> TTLVItem {
        var children = [TTLVItem(.revocationReasonCode, code)]
        children.append(.revocationMessage, message)
        return .structure(.revocationReason, children)
    }
}
