/// Why a management view cannot be shown.
///
/// Shaped like swift-certificates' `CertificateError`: a ``code`` to switch on, a ``reason``, and
/// where it was raised. Equality looks at the code only.
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
    /// The file that raised the error, for diagnostics.
    public var file: String
    /// The line that raised the error, for diagnostics.
    public var line: UInt

    /// The adapter name exists in several instances.
    @inline(never)
    public static func ambiguousAdapter(
        _ name: String, instances: [String], file: String = #fileID, line: UInt = #line
    ) -> ViewError {
        ViewError(
            code: .ambiguousAdapter,
            reason: "adapter \(name) exists in instances \(instances.joined(separator: ", ")); "
                + "name one with --instance",
            file: file, line: line)
    }

    /// The reason: it is what the command line shows, so the location stays out of it.
    public var description: String { reason }

    public static func == (lhs: ViewError, rhs: ViewError) -> Bool {
        lhs.code == rhs.code
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(code)
    }
}
