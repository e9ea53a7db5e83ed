import Foundation

/// A client certificate, parsed and fingerprinted, as the planner and the server need it.
public struct DesiredCertificate: Hashable, Sendable {
    /// The certificate's name, unique in its adapter.
    public var name: String
    /// The certificate's DER bytes exactly as given (the fingerprint is over these bytes).
    public var der: [UInt8]
    /// SHA-256 over ``der``, 64 lowercase hex digits; what TLS client pinning compares.
    public var fingerprint: String
    /// The subject distinguished name, RFC 4514 style (`CN=vcenter-01`).
    public var subject: String
    /// Start of validity.
    public var notValidBefore: Date
    /// End of validity.
    public var notValidAfter: Date
    /// Where it is declared (the `pem` or `pemFile` field).
    public var source: SourceLocation

    /// Creates a certificate.
    public init(
        name: String,
        der: [UInt8],
        fingerprint: String,
        subject: String,
        notValidBefore: Date,
        notValidAfter: Date,
        source: SourceLocation
    ) {
        self.name = name
        self.der = der
        self.fingerprint = fingerprint
        self.subject = subject
        self.notValidBefore = notValidBefore
        self.notValidAfter = notValidAfter
        self.source = source
    }
}
