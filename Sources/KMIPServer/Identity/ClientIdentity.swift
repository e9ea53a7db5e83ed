/// Who is on the other end of a connection, established once at the TLS handshake.
///
/// The server only carries it: the Operations layer reads ``binding`` (for example an adapter id)
/// to scope every request, and the audit log reads the names.
public struct ClientIdentity: Sendable, Hashable, CustomStringConvertible {
    /// SHA-256 of the client certificate's DER, 64 lowercase hex digits.
    public var fingerprint: String
    /// The instance the certificate's adapter belongs to.
    public var instance: String
    /// The adapter the certificate is registered to.
    public var adapter: String
    /// An opaque key the request handler resolves (an adapter id); the server never reads it.
    public var binding: String

    public init(fingerprint: String, instance: String, adapter: String, binding: String) {
        self.fingerprint = fingerprint.lowercased()
        self.instance = instance
        self.adapter = adapter
        self.binding = binding
    }

    public var description: String { "\(instance)/\(adapter) (\(fingerprint.prefix(16))…)" }
}
