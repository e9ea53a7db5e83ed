import Crypto

/// AES-256-GCM sealing bound to a record: the associated data names the table, the row's
/// identifiers, the column and the format version, so a ciphertext moved to another row or
/// column, truncated, or altered fails to open.
///
/// The stored form is `nonce ‖ ciphertext ‖ tag` (`SealedBox.combined`), nonces random.
struct Sealer: Sendable {
    private let key: SymmetricKey

    init(key: SymmetricKey) {
        self.key = key
    }

    func seal(_ plaintext: [UInt8], binding context: AssociatedData) throws(KeyStoreError) -> [UInt8] {
        do {
            let box = try AES.GCM.seal(plaintext, using: key, authenticating: context.bytes)
            guard let combined = box.combined else {
                throw KeyStoreError(.integrityFailure, "AES-GCM produced no combined form")
            }
            return Array(combined)
        } catch let error as KeyStoreError {
            throw error
        } catch {
            throw KeyStoreError(.integrityFailure, "sealing failed: \(error)")
        }
    }

    func open(_ sealed: [UInt8], binding context: AssociatedData) throws(KeyStoreError) -> [UInt8] {
        do {
            let box = try AES.GCM.SealedBox(combined: sealed)
            return Array(try AES.GCM.open(box, using: key, authenticating: context.bytes))
        } catch {
            throw KeyStoreError(
                .integrityFailure,
                "\(context.description) failed authentication: the record was altered, truncated or moved"
            )
        }
    }
}
