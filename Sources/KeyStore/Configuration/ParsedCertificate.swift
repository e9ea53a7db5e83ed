import Foundation
import KMIP
import SwiftASN1
import X509

/// A certificate parsed once, with the facts kmipgw keeps of it: the DER bytes, the fingerprint
/// over them, the subject and the validity window.
///
/// The only way to make one is to parse DER, so a value is always a real X.509 certificate whose
/// fingerprint matches its bytes. The Reconciler makes it while validating a configuration and
/// hands it to the store in ``ConfigurationChange/addCertificate(instance:adapter:name:certificate:)``;
/// the store stores it without parsing it again.
public struct ParsedCertificate: Hashable, Sendable {
    /// The certificate's DER bytes exactly as given (the fingerprint is over these bytes).
    public let der: [UInt8]
    /// ``CertificateFingerprint`` of ``der``: what TLS client pinning compares.
    public let fingerprint: String
    /// The subject distinguished name, RFC 4514 style (`CN=vcenter-01`).
    public let subject: String
    /// Start of validity.
    public let notValidBefore: Date
    /// End of validity.
    public let notValidAfter: Date

    /// Parses `der`; throws ``KeyStoreError/Code/invalidCertificate`` when it is not an X.509
    /// certificate.
    public init(derEncoded der: [UInt8]) throws(KeyStoreError) {
        let certificate: Certificate
        do {
            certificate = try Certificate(derEncoded: der)
        } catch {
            throw KeyStoreError(.invalidCertificate, "the bytes are not a valid X.509 certificate")
        }
        self.der = der
        self.fingerprint = CertificateFingerprint.sha256(der: der)
        self.subject = String(describing: certificate.subject)
        self.notValidBefore = certificate.notValidBefore
        self.notValidAfter = certificate.notValidAfter
    }
}
