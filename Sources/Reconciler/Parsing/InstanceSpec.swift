/// One `instances[]` entry as written in one document, before merging by name.
///
/// Fields a document left out or got wrong are `nil`, so the children can still be checked and one
/// run reports every error.
struct InstanceSpec: Sendable {
    var name: Located<String>?
    var location: SourceLocation
    var path: FieldPath
    var rootKeys: [RootKeySpec]
    var adapters: [AdapterSpec]
}
