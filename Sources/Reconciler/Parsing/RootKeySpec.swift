/// One `rootKeys[]` entry as written.
struct RootKeySpec: Sendable {
    var name: Located<String>?
    var location: SourceLocation
    var path: FieldPath
}
