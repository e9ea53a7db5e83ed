import Foundation

/// The public identity of a certificate in a plan: what an operator needs to recognise it.
/// Never the PEM or DER body.
public struct PlanCertificate: Hashable, Sendable {
    /// SHA-256 of the DER, 64 lowercase hexadecimal digits.
    public var fingerprint: String
    /// The subject distinguished name (`CN=vcenter-01`).
    public var subject: String
    /// End of validity.
    public var notValidAfter: Date

    /// Creates a certificate identity.
    public init(fingerprint: String, subject: String, notValidAfter: Date) {
        self.fingerprint = fingerprint
        self.subject = subject
        self.notValidAfter = notValidAfter
    }
}
