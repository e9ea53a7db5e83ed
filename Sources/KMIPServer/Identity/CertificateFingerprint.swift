import Crypto

/// The SHA-256 fingerprint of a certificate's DER bytes, as kmipgw writes it everywhere: 64
/// lowercase hex digits (the same value `openssl x509 -fingerprint -sha256` shows, without colons).
public enum CertificateFingerprint {
    private static let digits = Array("0123456789abcdef".utf8)

    /// The fingerprint of `der`.
    public static func sha256(der: some Sequence<UInt8>) -> String {
        let digest = SHA256.hash(data: Array(der))
        var text = [UInt8]()
        text.reserveCapacity(64)
        for byte in digest {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
