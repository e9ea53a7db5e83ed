/// One `adapters[]` entry as written.
struct AdapterSpec: Sendable {
    var name: Located<String>?
    var description: Located<String>?
    var rootKey: Located<String>?
    var certificates: [CertificateSpec]
    var location: SourceLocation
    var path: FieldPath
}
