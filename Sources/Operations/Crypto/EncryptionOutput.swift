/// What Encrypt returns besides the key's identifier.
public struct EncryptionOutput: Hashable, Sendable {
    /// The ciphertext.
    public var data: [UInt8]
    /// The IV the engine generated because the parameters asked for a Random IV; `nil` when the
    /// client sent its own, which a response does not repeat.
    public var ivCounterNonce: [UInt8]?
    /// The authentication tag, truncated to the Tag Length (GCM only).
    public var authenticatedEncryptionTag: [UInt8]?

    public init(data: [UInt8], ivCounterNonce: [UInt8]? = nil, authenticatedEncryptionTag: [UInt8]? = nil) {
        self.data = data
        self.ivCounterNonce = ivCounterNonce
        self.authenticatedEncryptionTag = authenticatedEncryptionTag
    }
}
