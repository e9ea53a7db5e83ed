import KeyStore

/// One `adapters[]` entry as written.
struct AdapterSpec: Sendable {
    var name: Located<String>?
    var description: Located<String>?
    var rootKey: Located<String>?
    /// `limits:`: the quotas set, each within its allowed range (unset ones take the default).
    var limits: AdapterLimits
    var certificates: [CertificateSpec]
    var location: SourceLocation
    var path: FieldPath
}
