import Crypto
import KMIP
import TTLV

/// The cryptography behind Encrypt, Decrypt, MAC, MAC Verify and RNG Retrieve (KMIP 1.4
/// §4.29–4.35): pure and synchronous, given the key's bytes and what the store records of it.
///
/// It knows no store, no lifecycle and no usage mask; the operation checks those before it asks.
/// It never logs, and its errors (``CryptoEngineError``) name the parameter at fault but never
/// carry data, key bytes, IVs or tags. Every operation is single-part: a request with streaming
/// fields is refused.
///
/// The Cryptographic Parameters are the request's when it has them, else the key's own; nothing
/// is assumed for an absent Block Cipher Mode. What is assumed, as the specification and the
/// clients seen in the field expect (libmongocrypt's delegated mode sends CBC, PKCS5 and Random
/// IV true and reads the 16-byte IV back; Scality sends CBC and PKCS5): an absent Padding Method
/// is no padding, an absent Tag Length is 16 bytes, and a Random IV is returned with the data.
public struct CryptoEngine: Sendable {
    /// The most bytes one RNG Retrieve returns.
    public var maximumRandomByteCount: Int

    public init(maximumRandomByteCount: Int = 65_536) {
        self.maximumRandomByteCount = maximumRandomByteCount
    }

    /// Encrypts the request's Data; the output carries the IV when the engine generated it.
    public func encrypt(_ request: EncryptRequest, with key: CryptoKeyMaterial) throws(CryptoEngineError) -> EncryptionOutput {
        try Self.refuseStreaming(request.correlationValue, request.initIndicator, request.finalIndicator)
        let cipher = try AESCipher(key: key, requested: request.cryptographicParameters)
        let data = try Self.require(request.data, "the data to encrypt")
        return try cipher.encrypt(
            data, iv: request.ivCounterNonce, additionalData: request.authenticatedEncryptionAdditionalData,
            random: Self.generateRandomBytes)
    }

    /// Decrypts the request's Data, checking the tag of an authenticated mode.
    public func decrypt(_ request: DecryptRequest, with key: CryptoKeyMaterial) throws(CryptoEngineError) -> [UInt8] {
        try Self.refuseStreaming(request.correlationValue, request.initIndicator, request.finalIndicator)
        let cipher = try AESCipher(key: key, requested: request.cryptographicParameters)
        let data = try Self.require(request.data, "the data to decrypt")
        return try cipher.decrypt(
            data, iv: request.ivCounterNonce, additionalData: request.authenticatedEncryptionAdditionalData,
            tag: request.authenticatedEncryptionTag)
    }

    /// The HMAC of the request's Data, at full length.
    public func mac(_ request: MACRequest, with key: CryptoKeyMaterial) throws(CryptoEngineError) -> [UInt8] {
        try Self.refuseStreaming(request.correlationValue, request.initIndicator, request.finalIndicator)
        let algorithm = try HMACAlgorithm(key: key, requested: request.cryptographicParameters)
        let data = try Self.require(request.data, "the data to authenticate")
        return algorithm.authenticationCode(for: data, key: key.bytes)
    }

    /// Valid when the MAC Data is the full HMAC of the Data; Invalid otherwise (not an error).
    public func verifyMAC(_ request: MACVerifyRequest, with key: CryptoKeyMaterial) throws(CryptoEngineError) -> ValidityIndicator {
        try Self.refuseStreaming(request.correlationValue, request.initIndicator, request.finalIndicator)
        let algorithm = try HMACAlgorithm(key: key, requested: request.cryptographicParameters)
        let data = try Self.require(request.data, "the authenticated data")
        guard let mac = request.macData else {
            throw CryptoEngineError(.missingData, "MAC Verify needs the MAC Data to check", field: .macData)
        }
        return algorithm.isValid(mac, for: data, key: key.bytes) ? .valid : .invalid
    }

    /// Data Length random bytes from the system's generator (BoringSSL's RAND_bytes).
    public func randomBytes(_ request: RNGRetrieveRequest) throws(CryptoEngineError) -> [UInt8] {
        guard request.dataLength > 0, Int(request.dataLength) <= maximumRandomByteCount else {
            throw CryptoEngineError(
                .invalidParameter, "Data Length \(request.dataLength) is outside 1–\(maximumRandomByteCount) bytes",
                field: .dataLength)
        }
        return Self.generateRandomBytes(Int(request.dataLength))
    }

    static func generateRandomBytes(_ count: Int) -> [UInt8] {
        guard count > 0 else { return [] }
        return SymmetricKey(size: SymmetricKeySize(bitCount: count * 8)).withUnsafeBytes { Array($0) }
    }

    /// A request is single-part when it has no Correlation Value and either no indicators or both
    /// true (one part that is first and last).
    static func refuseStreaming(_ correlationValue: [UInt8]?, _ initIndicator: Bool?, _ finalIndicator: Bool?) throws(CryptoEngineError) {
        if correlationValue != nil {
            throw CryptoEngineError(
                .streamingNotSupported, "multi-part (streaming) operations are not offered; send the whole data without a Correlation Value",
                field: .correlationValue)
        }
        switch (initIndicator, finalIndicator) {
        case (nil, nil), (true?, true?):
            return
        default:
            throw CryptoEngineError(
                .streamingNotSupported,
                "multi-part (streaming) operations are not offered; send the whole data without Init and Final Indicators",
                field: initIndicator != nil ? .initIndicator : .finalIndicator)
        }
    }

    private static func require(_ data: [UInt8]?, _ what: String) throws(CryptoEngineError) -> [UInt8] {
        guard let data else { throw CryptoEngineError(.missingData, "the request lacks the Data: \(what)", field: .data) }
        return data
    }
}
