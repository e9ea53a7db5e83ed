import Foundation
import TTLV

/// Revoke (KMIP 1.4 §4.20): Key Compromise or CA Compromise make the object Compromised;
/// any other reason makes it Deactivated.
public struct RevokeRequest: KMIPRequestPayload {
    public static let operation = Operation.revoke

    public var uniqueIdentifier: String?
    public var revocationReason: RevocationReason
    /// When the compromise is believed to have happened; meaningful for compromise reasons.
    public var compromiseOccurrenceDate: Date?

    public init(uniqueIdentifier: String? = nil, revocationReason: RevocationReason, compromiseOccurrenceDate: Date? = nil) {
        self.uniqueIdentifier = uniqueIdentifier
        self.revocationReason = revocationReason
        self.compromiseOccurrenceDate = compromiseOccurrenceDate
    }

    public init(ttlv item: TTLVItem) throws {
        var reader = try StructureReader(item, expecting: Self.tag)
        self.uniqueIdentifier = try reader.optional(.uniqueIdentifier)
        self.revocationReason = try reader.require(.revocationReason)
        self.compromiseOccurrenceDate = try reader.optional(.compromiseOccurrenceDate)
        try reader.finish()
    }

    public func ttlv(version: ProtocolVersion) -> TTLVItem {
        var children: [TTLVItem] = []
        children.append(.uniqueIdentifier, uniqueIdentifier)
        children.append(revocationReason.ttlv(version: version))
        children.append(.compromiseOccurrenceDate, compromiseOccurrenceDate)
        return .structure(Self.tag, children)
    }
}

/// The revoked object's identifier.
public struct RevokeResponse: KMIPResponsePayload, IdentifierPayload {
    public static let operation = Operation.revoke

    public var uniqueIdentifier: String?

    public init(uniqueIdentifier: String?) {
        self.uniqueIdentifier = uniqueIdentifier
    }
}
