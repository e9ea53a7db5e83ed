import Crypto

/// Authenticates the clear columns of the rows that grant access or carry state (instances,
/// root keys, adapters, certificates, objects, the generation): HMAC-SHA256 under a key derived
/// from the master key, over the table's name and each column's type and value.
///
/// Whoever can write the database without the master key cannot make a row that verifies: an
/// inserted certificate, a changed adapter binding or a revived key state is refused as
/// tampering. Restoring an older copy of a whole object row is not detected by its tag alone;
/// docs/store.md states what is and is not covered.
struct RowAuthenticator: Sendable {
    private let key: SymmetricKey

    init(key: SymmetricKey) {
        self.key = key
    }

    /// Starts the tag of one row of `table`: feed its columns, then ``finish(_:)``.
    func start(table: String) -> HMAC<SHA256> {
        var mac = HMAC<SHA256>(key: key)
        var prefix = Array("kmipgw.row.v1".utf8)
        withUnsafeBytes(of: UInt32(table.utf8.count).bigEndian) { prefix += $0 }
        prefix += table.utf8
        mac.update(data: prefix)
        return mac
    }

    func finish(_ mac: HMAC<SHA256>) -> [UInt8] {
        Array(mac.finalize())
    }

    /// Whether `stored` is the tag `mac` finishes to (constant-time).
    func isValid(_ stored: [UInt8]?, _ mac: HMAC<SHA256>) -> Bool {
        guard let stored, stored.count == SHA256.byteCount else { return false }
        let computed = mac.finalize()
        return computed == stored
    }
}
