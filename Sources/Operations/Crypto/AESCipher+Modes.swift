import Crypto
import Foundation
import _CryptoExtras

/// The modes over swift-crypto. Any error from the library after the checks is reported without
/// its text, which could describe the data.
extension AESCipher {
    static func gcmSeal(
        _ plaintext: [UInt8], key: [UInt8], iv: [UInt8], additionalData: [UInt8]
    ) throws(CryptoEngineError) -> (ciphertext: [UInt8], tag: [UInt8]) {
        do {
            let box = try AES.GCM.seal(
                plaintext, using: SymmetricKey(data: key), nonce: AES.GCM.Nonce(data: iv), authenticating: additionalData)
            return (Array(box.ciphertext), Array(box.tag))
        } catch {
            throw CryptoEngineError(.cryptographicFailure, "GCM encryption failed")
        }
    }

    /// Opens a GCM box. swift-crypto checks 16-byte tags only; a shorter tag is checked by
    /// decrypting with the CTR keystream GCM uses (counter block IV ‖ 2, SP 800-38D §7.2), sealing
    /// the plaintext again and comparing the tags' first bytes in constant time.
    static func gcmOpen(
        _ ciphertext: [UInt8], key: [UInt8], iv: [UInt8], additionalData: [UInt8], tag: [UInt8]
    ) throws(CryptoEngineError) -> [UInt8] {
        let failed = CryptoEngineError(
            .authenticationFailed,
            "the Authenticated Encryption Tag does not match: the data, IV, additional data or key differs from encryption")
        let symmetricKey = SymmetricKey(data: key)
        if tag.count == gcmDefaultTagLength {
            let box: AES.GCM.SealedBox
            do {
                box = try AES.GCM.SealedBox(nonce: AES.GCM.Nonce(data: iv), ciphertext: ciphertext, tag: tag)
            } catch {
                throw CryptoEngineError(.cryptographicFailure, "GCM decryption failed")
            }
            // swift-crypto reports a wrong tag as a BoringSSL error, not as authenticationFailure.
            guard let plaintext = try? AES.GCM.open(box, using: symmetricKey, authenticating: additionalData) else {
                throw failed
            }
            return Array(plaintext)
        }
        let plaintext = try ctr(ciphertext, key: key, counterBlock: iv + [0, 0, 0, 2])
        let (resealed, fullTag) = try gcmSeal(plaintext, key: key, iv: iv, additionalData: additionalData)
        guard resealed == ciphertext, constantTimeEqual(Array(fullTag.prefix(tag.count)), tag) else { throw failed }
        return plaintext
    }

    static func cbcEncrypt(_ plaintext: [UInt8], key: [UInt8], iv: [UInt8], padded: Bool) throws(CryptoEngineError) -> [UInt8] {
        do {
            return Array(
                try AES._CBC.encrypt(plaintext, using: SymmetricKey(data: key), iv: AES._CBC.IV(ivBytes: iv), noPadding: !padded))
        } catch {
            throw CryptoEngineError(.cryptographicFailure, "CBC encryption failed")
        }
    }

    static func cbcDecrypt(_ ciphertext: [UInt8], key: [UInt8], iv: [UInt8], padded: Bool) throws(CryptoEngineError) -> [UInt8] {
        do {
            return Array(
                try AES._CBC.decrypt(ciphertext, using: SymmetricKey(data: key), iv: AES._CBC.IV(ivBytes: iv), noPadding: !padded))
        } catch {
            // One message for every cause: which check failed must not be told apart.
            throw CryptoEngineError(.decryptionFailed, "CBC decryption failed: the key, IV or data is not the one used to encrypt")
        }
    }

    /// CTR is its own inverse.
    static func ctr(_ input: [UInt8], key: [UInt8], counterBlock: [UInt8]) throws(CryptoEngineError) -> [UInt8] {
        do {
            return Array(
                try AES._CTR.encrypt(input, using: SymmetricKey(data: key), nonce: AES._CTR.Nonce(nonceBytes: counterBlock)))
        } catch {
            throw CryptoEngineError(.cryptographicFailure, "CTR encryption failed")
        }
    }
}

/// Compares two byte strings in time that depends on their length only.
private func constantTimeEqual(_ lhs: [UInt8], _ rhs: [UInt8]) -> Bool {
    guard lhs.count == rhs.count else { return false }
    var difference: UInt8 = 0
    for index in lhs.indices {
        difference |= lhs[index] ^ rhs[index]
    }
    return difference == 0
}
