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

    /// The start of the authenticated bytes of one row of `table`: append its columns
    /// (``SQLiteStatement/appendAuthenticated(columns:to:)``), then ``tag(_:)`` or ``isValid(_:_:)``.
    /// The row is gathered in one buffer: an HMAC update per column cost more than the Get it guards.
    static func input(table: String, capacity: Int = 512) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(capacity)
        bytes += "kmipgw.row.v1".utf8
        withUnsafeBytes(of: UInt32(table.utf8.count).bigEndian) { bytes += $0 }
        bytes += table.utf8
        return bytes
    }

    func tag(_ input: [UInt8]) -> [UInt8] {
        Array(HMAC<SHA256>.authenticationCode(for: input, using: key))
    }

    /// Whether `stored` is the tag of `input` (constant-time).
    func isValid(_ stored: [UInt8]?, _ input: [UInt8]) -> Bool {
        guard let stored, stored.count == SHA256.byteCount else { return false }
        return HMAC<SHA256>.isValidAuthenticationCode(stored, authenticating: input, using: key)
    }
}
