/// The path of a field inside a configuration document, such as
/// `instances[0].adapters[2].certificates[1].pem`.
///
/// Paths index the document as written, so an operator can find the field even when the same
/// instance is spread over several files.
public struct FieldPath: Hashable, Sendable, CustomStringConvertible {
    /// One step of a path.
    public enum Component: Hashable, Sendable {
        /// A mapping key.
        case key(String)
        /// A position in a sequence, from 0.
        case index(Int)
    }

    /// The steps from the document root.
    public private(set) var components: [Component]

    /// The document root (an empty path).
    public static let root = FieldPath(components: [])

    /// Creates a path from its steps.
    public init(components: [Component]) {
        self.components = components
    }

    /// This path followed by a mapping key.
    public func appending(_ key: String) -> FieldPath {
        FieldPath(components: components + [.key(key)])
    }

    /// This path followed by a sequence index.
    public func appending(index: Int) -> FieldPath {
        FieldPath(components: components + [.index(index)])
    }

    /// The dotted form: `instances[0].adapters[2].name`; empty for the root.
    public var description: String {
        var text = ""
        for component in components {
            switch component {
            case .key(let key):
                if !text.isEmpty { text += "." }
                text += key
            case .index(let index):
                text += "[\(index)]"
            }
        }
        return text
    }
}
