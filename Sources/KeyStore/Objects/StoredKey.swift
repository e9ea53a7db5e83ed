import KMIP

/// What a Get answers with: the key's type, algorithm, length, state and material. Read without
/// unsealing the object's attribute set, which Get does not return (one AES-GCM open per Get
/// instead of two).
public struct StoredKey: Sendable {
    public var uniqueIdentifier: String
    public var objectType: ObjectType
    public var cryptographicAlgorithm: CryptographicAlgorithm?
    public var cryptographicLength: Int32?
    /// The effective state now (time-driven transitions included).
    public var state: State
    /// The key material; `nil` once destroyed.
    public var material: [UInt8]?
}
