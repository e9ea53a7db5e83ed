import Crypto

/// The keys derived from the master key, each for one purpose (HKDF-SHA256 with the store's
/// random identifier as salt and the purpose as info), so the master key itself never seals or
/// MACs anything.
struct KeyHierarchy: Sendable {
    /// Seals root key material.
    let rootKeySealer: Sealer
    /// Proves the master key is the one the store was initialised with.
    let checkKey: SymmetricKey
    /// Authenticates the clear columns of rows that grant access or carry state.
    let rowAuthenticator: RowAuthenticator
    /// Keys the blind index of every adapter (the adapter id is part of each MAC input).
    let indexKey: SymmetricKey

    init(masterKey: SymmetricKey, storeID: [UInt8]) {
        rootKeySealer = Sealer(key: Self.derive(masterKey, salt: storeID, purpose: "root key sealing"))
        checkKey = Self.derive(masterKey, salt: storeID, purpose: "master key check")
        indexKey = Self.derive(masterKey, salt: storeID, purpose: "blind index")
        rowAuthenticator = RowAuthenticator(key: Self.derive(masterKey, salt: storeID, purpose: "row authentication"))
    }

    /// The value stored at initialisation and compared at every open: HMAC of a constant under
    /// the check key. A different key gives a different value, which is how "wrong master key"
    /// is told apart from "tampered record".
    var checkValue: [UInt8] {
        Array(HMAC<SHA256>.authenticationCode(for: Array("kmipgw master key check".utf8), using: checkKey))
    }

    func matches(checkValue stored: [UInt8]) -> Bool {
        HMAC<SHA256>.isValidAuthenticationCode(stored, authenticating: Array("kmipgw master key check".utf8), using: checkKey)
    }

    /// The sealer of KMIP objects under one root key; the root key itself seals nothing.
    static func objectSealer(rootKey: SymmetricKey, rootKeyID: Int64) -> Sealer {
        Sealer(key: derive(rootKey, salt: Array("root key \(rootKeyID)".utf8), purpose: "object sealing"))
    }

    static func derive(_ key: SymmetricKey, salt: [UInt8], purpose: String) -> SymmetricKey {
        HKDF<SHA256>.deriveKey(
            inputKeyMaterial: key, salt: salt, info: Array("kmipgw.v1 \(purpose)".utf8), outputByteCount: 32)
    }
}
