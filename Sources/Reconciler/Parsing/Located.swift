/// A value read from YAML together with where it was written, so every later rule can point at it.
struct Located<Value> {
    var value: Value
    var location: SourceLocation
    var path: FieldPath
}

extension Located: Sendable where Value: Sendable {}
