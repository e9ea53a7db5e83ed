import KMIP
import TTLV

/// The key a cryptographic operation runs with: its clear bytes and what the store records of
/// it. Its description names the algorithm and length, never the bytes.
public struct CryptoKeyMaterial: Sendable {
    public var bytes: [UInt8]
    public var algorithm: CryptographicAlgorithm
    /// The Cryptographic Length attribute in bits; absent, the length of ``bytes``.
    public var length: Int32?
    /// The key's own Cryptographic Parameters (the instance with the lowest Attribute Index),
    /// which apply when a request carries none (KMIP 1.4 §4.29–4.34).
    public var parameters: CryptographicParameters?

    public init(
        bytes: [UInt8], algorithm: CryptographicAlgorithm, length: Int32? = nil,
        parameters: CryptographicParameters? = nil
    ) {
        self.bytes = bytes
        self.algorithm = algorithm
        self.length = length
        self.parameters = parameters
    }

    /// The Cryptographic Parameters an operation uses: the request's when it has them, else the
    /// key's. The specification takes one or the other, not a mix of both.
    func parameters(overriddenBy requested: CryptographicParameters?) -> CryptographicParameters? {
        requested ?? parameters
    }

    /// Checks that the recorded length, when there is one, is the length of the bytes.
    func checkLength() throws(CryptoEngineError) {
        if let length, Int(length) != bytes.count * 8 {
            throw CryptoEngineError(
                .unsuitableKey, "the key's Cryptographic Length is \(length) bits but its material is \(bytes.count * 8)",
                field: .cryptographicLength)
        }
    }
}

extension CryptoKeyMaterial: CustomStringConvertible {
    public var description: String { "\(algorithm) key of \(bytes.count * 8) bits" }
}
