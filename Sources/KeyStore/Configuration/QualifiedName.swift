/// A configuration name within its instance (an adapter or a root key).
public struct QualifiedName: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var instance: String
    public var name: String

    public init(instance: String, name: String) {
        self.instance = instance
        self.name = name
    }

    /// `instance/name`, as `plan` and `get` print it.
    public var description: String { "\(instance)/\(name)" }

    /// Reads the `instance/name` form of ``description``; `nil` for text with no slash, an empty
    /// part, or more than one slash (no configuration name contains one).
    public init?(_ text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else { return nil }
        self.init(instance: String(parts[0]), name: String(parts[1]))
    }

    public static func < (lhs: QualifiedName, rhs: QualifiedName) -> Bool {
        (lhs.instance, lhs.name) < (rhs.instance, rhs.name)
    }
}
