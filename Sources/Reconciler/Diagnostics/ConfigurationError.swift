/// The error thrown when a configuration is used although it is invalid.
///
/// Shaped like swift-certificates' `CertificateError`: a `code` to switch on, a reason, and the
/// source position that raised it. Equality looks at the code only, so tests can compare against
/// `ConfigurationError.Code` values.
public struct ConfigurationError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What kind of failure this is.
    public var code: Code
    /// Every error diagnostic of the run, in report order.
    public var diagnostics: [Diagnostic]
    private var reason: String
    private var file: String
    private var line: UInt

    private init(code: Code, reason: String, diagnostics: [Diagnostic], file: String, line: UInt) {
        self.code = code
        self.reason = reason
        self.diagnostics = diagnostics
        self.file = file
        self.line = line
    }

    /// The configuration has at least one error diagnostic.
    @inline(never)
    public static func invalidConfiguration(
        diagnostics: [Diagnostic],
        file: String = #fileID,
        line: UInt = #line
    ) -> ConfigurationError {
        let errors = diagnostics.filter { $0.severity == .error }
        return ConfigurationError(
            code: .invalidConfiguration,
            reason: "the configuration has \(errors.count) error(s)",
            diagnostics: errors,
            file: file,
            line: line
        )
    }

    /// `ConfigurationError.invalidConfiguration: reason file:line`.
    public var description: String {
        "ConfigurationError.\(code): \(reason) \(file):\(line)"
    }

    public static func == (lhs: ConfigurationError, rhs: ConfigurationError) -> Bool {
        lhs.code == rhs.code
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(code)
    }
}

extension ConfigurationError {
    /// The kind of a ``ConfigurationError``.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        fileprivate enum Backing: Hashable, Sendable {
            case invalidConfiguration
        }

        fileprivate var backing: Backing

        fileprivate init(_ backing: Backing) {
            self.backing = backing
        }

        /// The configuration has errors; ``ConfigurationError/diagnostics`` lists them.
        public static let invalidConfiguration = Code(.invalidConfiguration)

        public var description: String { String(describing: backing) }
    }
}
