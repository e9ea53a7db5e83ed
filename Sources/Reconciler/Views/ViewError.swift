/// Why a management view cannot be shown.
///
/// Shaped like swift-certificates' `CertificateError`: a ``code`` and a ``reason``.
public struct ViewError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The kind of failure.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        fileprivate var name: String

        /// An adapter name used in several instances, without `--instance`.
        public static let ambiguousAdapter = Code(name: "ambiguous-adapter")

        /// The stable kebab-case name.
        public var description: String { name }
    }

    /// The kind of failure.
    public var code: Code
    /// What went wrong, for the operator.
    public var reason: String

    /// The adapter name exists in several instances.
    public static func ambiguousAdapter(_ name: String, instances: [String]) -> ViewError {
        ViewError(
            code: .ambiguousAdapter,
            reason: "adapter \(name) exists in instances \(instances.joined(separator: ", ")); name one with --instance")
    }

    /// The reason.
    public var description: String { reason }
}
