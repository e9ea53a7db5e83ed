import TTLV

/// The shape of payloads that carry only a Unique Identifier: the requests and responses of
/// Activate and Destroy, and the responses of Revoke.
public protocol IdentifierPayload: KMIPStructure {
    var uniqueIdentifier: String? { get }
    init(uniqueIdentifier: String?)
}

extension IdentifierPayload {
    public init(ttlv item: TTLVItem) throws {
        self.init(uniqueIdentifier: try decodeIdentifierOnly(item, tag: Self.tag))
    }

    public func ttlv(version: ProtocolVersion) -> TTLVItem {
        identifierOnlyItem(Self.tag, uniqueIdentifier)
    }
}
