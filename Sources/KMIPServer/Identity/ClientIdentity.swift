/// Who is on the other end of a connection, established once at the TLS handshake.
///
/// The server only carries it: the request handler reads ``binding`` (kmipgw: the adapter) to
/// scope every request, and the audit log reads the names.
public struct ClientIdentity: Sendable, Hashable, CustomStringConvertible {
    /// SHA-256 of the client certificate's DER, 64 lowercase hex digits.
    public var fingerprint: String
    /// The instance the certificate's adapter belongs to.
    public var instance: String
    /// The adapter the certificate is registered to.
    public var adapter: String
    /// What the request handler resolves the connection to; the server never reads it.
    public var binding: ClientBinding

    public init(fingerprint: String, instance: String, adapter: String, binding: ClientBinding) {
        self.fingerprint = fingerprint.lowercased()
        self.instance = instance
        self.adapter = adapter
        self.binding = binding
    }

    public var description: String { "\(instance)/\(adapter) (\(fingerprint.prefix(16))…)" }
}
