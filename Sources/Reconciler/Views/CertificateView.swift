/// A client certificate in `kmipgw get certificates`: identity only, never the PEM body.
public struct CertificateView: ViewRow, Hashable {
    /// The instance.
    public var instance: String
    /// The adapter it belongs to.
    public var adapter: String
    /// The name.
    public var name: String
    /// SHA-256 fingerprint of the DER, lowercase hexadecimal.
    public var fingerprint: String
    /// The subject distinguished name.
    public var subject: String
    /// Start of validity (ISO 8601).
    public var notValidBefore: String
    /// End of validity (ISO 8601).
    public var notValidAfter: String

    public static let columns = ["INSTANCE", "ADAPTER", "NAME", "FINGERPRINT (SHA-256)", "SUBJECT", "EXPIRES"]
    public var cells: [String] { [instance, adapter, name, fingerprint, subject, notValidAfter] }
}
