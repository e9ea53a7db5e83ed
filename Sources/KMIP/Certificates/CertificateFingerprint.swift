import Crypto

/// The SHA-256 fingerprint of a certificate's DER bytes, as kmipgw writes it everywhere: 64
/// lowercase hex digits (the same value `openssl x509 -fingerprint -sha256` shows, without colons).
///
/// The one definition: the server pins clients by it, the store keys certificates by it, and the
/// configuration reports it, so all three must agree byte for byte. It lives here, in the lowest
/// target they all import.
public enum CertificateFingerprint {
    private static let digits = Array("0123456789abcdef".utf8)

    /// The fingerprint of `der`.
    public static func sha256(der: some Sequence<UInt8>) -> String {
        let digest = SHA256.hash(data: Array(der))
        var text = [UInt8]()
        text.reserveCapacity(SHA256.byteCount * 2)
        for byte in digest {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
