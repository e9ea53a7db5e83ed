import KMIP
import TTLV

/// One AES encryption or decryption as the Cryptographic Parameters describe it: the mode, its
/// padding, tag length and IV rules, checked before any byte is processed.
///
/// Offered: GCM (SP 800-38D; tags of 12 to 16 bytes), CBC with PKCS5 padding or none, and CTR
/// (SP 800-38A) over a whole 16-byte initial counter block. A Random IV is 12 bytes for GCM and
/// 16 for CBC; for CTR it is 12 random bytes and a 32-bit counter starting at zero, so that a
/// Counter Length of 32 cannot wrap within four billion blocks.
struct AESCipher {
    enum Mode: Equatable {
        case gcm
        case cbc(padded: Bool)
        case ctr(counterLength: Int?)
    }

    static let blockSize = 16
    /// The GCM IV SP 800-38D recommends, and the one a truncated tag can be checked with.
    static let gcmDefaultIVCount = 12
    static let gcmDefaultTagLength = 16
    static let gcmTagLengths = 12...16

    let key: [UInt8]
    let mode: Mode
    let parameters: CryptographicParameters

    init(key: CryptoKeyMaterial, requested: CryptographicParameters?) throws(CryptoEngineError) {
        guard key.algorithm == .aes else {
            if key.algorithm.isHMAC {
                throw CryptoEngineError(
                    .unsuitableKey, "the key is an \(key.algorithm) key: it computes MACs and does not encrypt",
                    field: .cryptographicAlgorithm)
            }
            throw CryptoEngineError(
                .unsupportedParameter, "encryption is offered with AES keys only, not \(key.algorithm)",
                field: .cryptographicAlgorithm)
        }
        guard [16, 24, 32].contains(key.bytes.count) else {
            throw CryptoEngineError(
                .unsuitableKey, "the key has \(key.bytes.count * 8) bits; AES keys have 128, 192 or 256",
                field: .cryptographicLength)
        }
        try key.checkLength()
        guard let parameters = key.parameters(overriddenBy: requested) else {
            throw CryptoEngineError(
                .missingParameter,
                "neither the request nor the key has Cryptographic Parameters; at least a Block Cipher Mode is needed",
                field: .cryptographicParameters)
        }
        if let algorithm = parameters.cryptographicAlgorithm, algorithm != .aes {
            throw CryptoEngineError(
                .unsuitableKey, "the Cryptographic Parameters name \(algorithm) but the key is an AES key",
                field: .cryptographicAlgorithm)
        }
        guard let blockCipherMode = parameters.blockCipherMode else {
            throw CryptoEngineError(
                .missingParameter, "the Cryptographic Parameters lack the Block Cipher Mode (GCM, CBC or CTR)",
                field: .blockCipherMode)
        }
        let padding = parameters.paddingMethod ?? PaddingMethod.none
        switch blockCipherMode {
        case .gcm, .ctr:
            guard padding == PaddingMethod.none else {
                throw CryptoEngineError(
                    .invalidParameter, "Padding Method \(padding) does not apply to \(blockCipherMode), which needs no padding",
                    field: .paddingMethod)
            }
            if blockCipherMode == .gcm {
                self.mode = .gcm
            } else {
                self.mode = .ctr(counterLength: try Self.counterLength(parameters))
            }
        case .cbc:
            switch padding {
            case PaddingMethod.none: self.mode = .cbc(padded: false)
            case .pkcs5: self.mode = .cbc(padded: true)
            default:
                throw CryptoEngineError(
                    .unsupportedParameter, "CBC is offered with PKCS5 padding or none, not \(padding)", field: .paddingMethod)
            }
        default:
            throw CryptoEngineError(
                .unsupportedParameter, "Block Cipher Mode \(blockCipherMode) is not offered; GCM, CBC and CTR are",
                field: .blockCipherMode)
        }
        self.key = key.bytes
        self.parameters = parameters
    }

    private static func counterLength(_ parameters: CryptographicParameters) throws(CryptoEngineError) -> Int? {
        if parameters.initialCounterValue != nil {
            throw CryptoEngineError(
                .unsupportedParameter,
                "Initial Counter Value is not offered: send the whole 16-byte initial counter block as the IV/Counter/Nonce",
                field: .initialCounterValue)
        }
        guard let length = parameters.counterLength else { return nil }
        guard (1...128).contains(length) else {
            throw CryptoEngineError(.invalidParameter, "Counter Length \(length) is outside 1–128 bits", field: .counterLength)
        }
        return Int(length)
    }

    var modeName: String {
        switch mode {
        case .gcm: "GCM"
        case .cbc: "CBC"
        case .ctr: "CTR"
        }
    }

    // MARK: - Encryption

    /// Encrypts, generating the IV when the parameters ask for a Random IV.
    func encrypt(
        _ data: [UInt8], iv requestedIV: [UInt8]?, additionalData: [UInt8]?, random: (Int) -> [UInt8]
    ) throws(CryptoEngineError) -> EncryptionOutput {
        try checkAdditionalData(additionalData)
        let generated = parameters.randomIV == true
        let iv: [UInt8]
        if generated {
            guard requestedIV == nil else {
                throw CryptoEngineError(
                    .invalidParameter, "Random IV is true and an IV/Counter/Nonce was sent: send one or the other",
                    field: .ivCounterNonce)
            }
            iv = try randomIV(random)
        } else {
            guard let requestedIV else {
                throw CryptoEngineError(
                    .missingData,
                    "\(modeName) needs an IV/Counter/Nonce: send one, or set Random IV in the Cryptographic Parameters",
                    field: .ivCounterNonce)
            }
            iv = requestedIV
        }
        try checkIV(iv)
        switch mode {
        case .gcm:
            let tagLength = Int(parameters.tagLength ?? Int32(Self.gcmDefaultTagLength))
            guard Self.gcmTagLengths.contains(tagLength) else {
                throw CryptoEngineError(
                    .invalidParameter, "Tag Length \(tagLength) is outside the 12–16 bytes offered for GCM", field: .tagLength)
            }
            let (ciphertext, tag) = try Self.gcmSeal(data, key: key, iv: iv, additionalData: additionalData ?? [])
            return EncryptionOutput(
                data: ciphertext, ivCounterNonce: generated ? iv : nil, authenticatedEncryptionTag: Array(tag.prefix(tagLength)))
        case .cbc(let padded):
            if !padded, data.count % Self.blockSize != 0 {
                throw CryptoEngineError(
                    .invalidParameter, "without padding, CBC Data must be whole 16-byte blocks; ask for PKCS5 padding",
                    field: .data)
            }
            return EncryptionOutput(data: try Self.cbcEncrypt(data, key: key, iv: iv, padded: padded), ivCounterNonce: generated ? iv : nil)
        case .ctr(let counterLength):
            try Self.checkCounterDoesNotWrap(iv, counterLength: counterLength, byteCount: data.count)
            return EncryptionOutput(data: try Self.ctr(data, key: key, counterBlock: iv), ivCounterNonce: generated ? iv : nil)
        }
    }

    private func randomIV(_ random: (Int) -> [UInt8]) throws(CryptoEngineError) -> [UInt8] {
        switch mode {
        case .gcm:
            if parameters.fixedFieldLength != nil || parameters.invocationFieldLength != nil {
                throw CryptoEngineError(
                    .unsupportedParameter,
                    "a Random IV is wholly random (SP 800-38D §8.2.2); Fixed Field Length and Invocation Field Length are not offered",
                    field: parameters.fixedFieldLength != nil ? .fixedFieldLength : .invocationFieldLength)
            }
            let bits = parameters.ivLength.map(Int.init) ?? Self.gcmDefaultIVCount * 8
            guard bits >= 96, bits <= 1024, bits % 8 == 0 else {
                throw CryptoEngineError(
                    .invalidParameter, "IV Length \(bits) bits: a GCM Random IV has 96 to 1024 bits, whole bytes",
                    field: .ivLength)
            }
            return random(bits / 8)
        case .cbc:
            return random(Self.blockSize)
        case .ctr:
            return random(12) + [0, 0, 0, 0]
        }
    }

    // MARK: - Decryption

    func decrypt(
        _ data: [UInt8], iv: [UInt8]?, additionalData: [UInt8]?, tag: [UInt8]?
    ) throws(CryptoEngineError) -> [UInt8] {
        try checkAdditionalData(additionalData)
        guard let iv else {
            throw CryptoEngineError(
                .missingData, "\(modeName) needs the IV/Counter/Nonce the data was encrypted with", field: .ivCounterNonce)
        }
        try checkIV(iv)
        switch mode {
        case .gcm:
            guard let tag else {
                throw CryptoEngineError(
                    .missingData, "GCM decryption needs the Authenticated Encryption Tag", field: .authenticatedEncryptionTag)
            }
            if let tagLength = parameters.tagLength, Int(tagLength) != tag.count {
                throw CryptoEngineError(
                    .invalidParameter, "Tag Length is \(tagLength) bytes but the Authenticated Encryption Tag has \(tag.count)",
                    field: .tagLength)
            }
            guard Self.gcmTagLengths.contains(tag.count) else {
                throw CryptoEngineError(
                    .invalidParameter, "the Authenticated Encryption Tag has \(tag.count) bytes; GCM tags of 12–16 bytes are offered",
                    field: .authenticatedEncryptionTag)
            }
            if tag.count < Self.gcmDefaultTagLength, iv.count != Self.gcmDefaultIVCount {
                throw CryptoEngineError(
                    .unsupportedParameter, "a GCM tag shorter than 16 bytes is checked only with a 12-byte IV",
                    field: .authenticatedEncryptionTag)
            }
            return try Self.gcmOpen(data, key: key, iv: iv, additionalData: additionalData ?? [], tag: tag)
        case .cbc(let padded):
            guard data.count % Self.blockSize == 0, !(padded && data.isEmpty) else {
                throw CryptoEngineError(
                    .invalidParameter, "CBC ciphertext is whole 16-byte blocks; the Data has \(data.count) bytes", field: .data)
            }
            try Self.refuseTag(tag, mode: modeName)
            return try Self.cbcDecrypt(data, key: key, iv: iv, padded: padded)
        case .ctr(let counterLength):
            try Self.refuseTag(tag, mode: modeName)
            try Self.checkCounterDoesNotWrap(iv, counterLength: counterLength, byteCount: data.count)
            return try Self.ctr(data, key: key, counterBlock: iv)
        }
    }

    // MARK: - Checks

    private func checkIV(_ iv: [UInt8]) throws(CryptoEngineError) {
        if let bits = parameters.ivLength, Int(bits) != iv.count * 8 {
            throw CryptoEngineError(
                .invalidParameter, "IV Length is \(bits) bits but the IV/Counter/Nonce has \(iv.count * 8)", field: .ivLength)
        }
        switch mode {
        case .gcm:
            guard iv.count >= Self.gcmDefaultIVCount else {
                throw CryptoEngineError(
                    .invalidParameter, "a GCM IV/Counter/Nonce has at least 12 bytes; this one has \(iv.count)",
                    field: .ivCounterNonce)
            }
        case .cbc:
            guard iv.count == Self.blockSize else {
                throw CryptoEngineError(
                    .invalidParameter, "a CBC IV has 16 bytes; this one has \(iv.count)", field: .ivCounterNonce)
            }
        case .ctr:
            guard iv.count == Self.blockSize else {
                throw CryptoEngineError(
                    .invalidParameter, "CTR takes the whole 16-byte initial counter block as IV/Counter/Nonce; this one has \(iv.count) bytes",
                    field: .ivCounterNonce)
            }
        }
    }

    private func checkAdditionalData(_ additionalData: [UInt8]?) throws(CryptoEngineError) {
        if additionalData != nil, mode != .gcm {
            throw CryptoEngineError(
                .invalidParameter, "Authenticated Encryption Additional Data applies to GCM, not \(modeName)",
                field: .authenticatedEncryptionAdditionalData)
        }
    }

    private static func refuseTag(_ tag: [UInt8]?, mode: String) throws(CryptoEngineError) {
        if tag != nil {
            throw CryptoEngineError(
                .invalidParameter, "an Authenticated Encryption Tag applies to GCM, not \(mode)", field: .authenticatedEncryptionTag)
        }
    }

    /// Refuses data that would carry the counter past the top of its Counter Length bits: the
    /// library counts over all 128 bits, which agrees with a shorter counter only until it wraps.
    static func checkCounterDoesNotWrap(
        _ block: [UInt8], counterLength: Int?, byteCount: Int
    ) throws(CryptoEngineError) {
        guard let counterLength, counterLength < 128 else { return }
        let blocks = (byteCount + blockSize - 1) / blockSize
        guard blocks > 1 else { return }
        let increments = UInt64(blocks - 1)
        let low = block[8..<16].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        let wraps: Bool
        if counterLength <= 64 {
            let mask = counterLength == 64 ? UInt64.max : (UInt64(1) << counterLength) - 1
            wraps = increments > mask - (low & mask)
        } else {
            let high = block[0..<8].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
            let highMask = (UInt64(1) << (counterLength - 64)) - 1
            wraps = low.addingReportingOverflow(increments).overflow && high & highMask == highMask
        }
        if wraps {
            throw CryptoEngineError(
                .invalidParameter, "the Data is too long for the counter: it would wrap within its \(counterLength) bits",
                field: .counterLength)
        }
    }
}
