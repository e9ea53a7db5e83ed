import Foundation
import KeyStore

/// A client certificate, parsed and fingerprinted, as the planner and the server need it.
public struct DesiredCertificate: Hashable, Sendable {
    /// The certificate's name, unique in its adapter.
    public var name: String
    /// The certificate as validation parsed it; the plan hands this same value to the store.
    public var certificate: ParsedCertificate
    /// Where it is declared (the `pem` or `pemFile` field).
    public var source: SourceLocation

    /// Creates a certificate.
    public init(name: String, certificate: ParsedCertificate, source: SourceLocation) {
        self.name = name
        self.certificate = certificate
        self.source = source
    }

    /// The certificate's DER bytes exactly as given (the fingerprint is over these bytes).
    public var der: [UInt8] { certificate.der }
    /// The certificate's fingerprint; what TLS client pinning compares.
    public var fingerprint: String { certificate.fingerprint }
    /// The subject distinguished name, RFC 4514 style (`CN=vcenter-01`).
    public var subject: String { certificate.subject }
    /// Start of validity.
    public var notValidBefore: Date { certificate.notValidBefore }
    /// End of validity.
    public var notValidAfter: Date { certificate.notValidAfter }
}
