/// What one ``StateStore/apply(_:)`` did.
public struct ApplyResult: Hashable, Sendable {
    /// The generation after the transaction (unchanged when there were no changes).
    public var generation: UInt64
    /// KMIP objects deleted by cascades and crypto-shredding.
    public var deletedObjects: Int
}
