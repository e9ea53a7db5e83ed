import Crypto
import KMIP
import TTLV

/// The HMACs offered (RFC 2104 with SHA-2, FIPS 198-1): the key's Cryptographic Algorithm names
/// the hash, and the Cryptographic Parameters, when they name one, must agree.
enum HMACAlgorithm: Equatable {
    case sha256, sha384, sha512

    init?(_ algorithm: CryptographicAlgorithm) {
        switch algorithm {
        case .hmacSHA256: self = .sha256
        case .hmacSHA384: self = .sha384
        case .hmacSHA512: self = .sha512
        default: return nil
        }
    }

    var hashingAlgorithm: HashingAlgorithm {
        switch self {
        case .sha256: .sha256
        case .sha384: .sha384
        case .sha512: .sha512
        }
    }

    /// The HMAC for `key` under the parameters (the request's, else the key's).
    ///
    /// The key's Cryptographic Algorithm names the HMAC. The parameters' Cryptographic Algorithm,
    /// when it names an HMAC, may instead choose it for a key recorded under another algorithm:
    /// the OASIS case CS-AC-M-4-14 registers its MAC key as AES with parameters naming
    /// HMAC-SHA256. The key's usage mask, checked by the operation, is what allows MACs with it.
    init(key: CryptoKeyMaterial, requested: CryptographicParameters?) throws(CryptoEngineError) {
        let parameters = key.parameters(overriddenBy: requested)
        let named = parameters?.cryptographicAlgorithm
        let chosen: CryptographicAlgorithm
        if key.algorithm.isHMAC {
            if let named, named != key.algorithm {
                throw CryptoEngineError(
                    .unsuitableKey, "the Cryptographic Parameters name \(named) but the key is an \(key.algorithm) key",
                    field: .cryptographicAlgorithm)
            }
            chosen = key.algorithm
        } else if let named, named.isHMAC {
            chosen = named
        } else {
            throw CryptoEngineError(
                .unsuitableKey,
                "the key is an \(key.algorithm) key and the Cryptographic Parameters name no HMAC; "
                    + "MACs are computed with HMAC-SHA256, HMAC-SHA384 or HMAC-SHA512",
                field: .cryptographicAlgorithm)
        }
        guard let algorithm = HMACAlgorithm(chosen) else {
            throw CryptoEngineError(
                .unsupportedParameter, "\(chosen) is not offered; HMAC-SHA256, HMAC-SHA384 and HMAC-SHA512 are",
                field: .cryptographicAlgorithm)
        }
        guard !key.bytes.isEmpty else {
            throw CryptoEngineError(.unsuitableKey, "the HMAC key has no material", field: .keyMaterial)
        }
        try key.checkLength()
        if let hash = parameters?.hashingAlgorithm, hash != algorithm.hashingAlgorithm {
            throw CryptoEngineError(
                .unsuitableKey, "the Cryptographic Parameters name \(hash) but the HMAC is \(chosen)",
                field: .hashingAlgorithm)
        }
        self = algorithm
    }

    func authenticationCode(for data: [UInt8], key: [UInt8]) -> [UInt8] {
        let key = SymmetricKey(data: key)
        return switch self {
        case .sha256: Array(HMAC<SHA256>.authenticationCode(for: data, using: key))
        case .sha384: Array(HMAC<SHA384>.authenticationCode(for: data, using: key))
        case .sha512: Array(HMAC<SHA512>.authenticationCode(for: data, using: key))
        }
    }

    /// Only a MAC of full length is valid: accepting a prefix would let a one-byte guess pass.
    func isValid(_ mac: [UInt8], for data: [UInt8], key: [UInt8]) -> Bool {
        let key = SymmetricKey(data: key)
        return switch self {
        case .sha256: HMAC<SHA256>.isValidAuthenticationCode(mac, authenticating: data, using: key)
        case .sha384: HMAC<SHA384>.isValidAuthenticationCode(mac, authenticating: data, using: key)
        case .sha512: HMAC<SHA512>.isValidAuthenticationCode(mac, authenticating: data, using: key)
        }
    }
}

extension CryptographicAlgorithm {
    /// Whether this names an HMAC, offered or not.
    var isHMAC: Bool {
        [.hmacSHA1, .hmacSHA224, .hmacSHA256, .hmacSHA384, .hmacSHA512, .hmacMD5].contains(self)
    }
}
