/// A configuration name within its instance (an adapter or a root key).
public struct QualifiedName: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var instance: String
    public var name: String

    public init(instance: String, name: String) {
        self.instance = instance
        self.name = name
    }

    public var description: String { "\(instance)/\(name)" }

    public static func < (lhs: QualifiedName, rhs: QualifiedName) -> Bool {
        (lhs.instance, lhs.name) < (rhs.instance, rhs.name)
    }
}
