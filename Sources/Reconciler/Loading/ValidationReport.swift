/// The outcome of validating a configuration: every diagnostic, and the desired state when there
/// was no error.
public struct ValidationReport: Hashable, Sendable {
    /// Every error and warning, ordered by file (in the order read), then line, then column.
    public var diagnostics: [Diagnostic]
    /// The validated configuration; `nil` when any diagnostic is an error.
    public var desiredState: DesiredState?
    /// The configuration files that were read, in order.
    public var files: [String]
    /// Diagnostics past the budget's limit (``ValidationBudget/diagnostics``): counted, not listed.
    public var omittedDiagnostics: Int

    /// Creates a report.
    public init(diagnostics: [Diagnostic], desiredState: DesiredState?, files: [String], omittedDiagnostics: Int = 0) {
        self.diagnostics = diagnostics
        self.desiredState = desiredState
        self.files = files
        self.omittedDiagnostics = omittedDiagnostics
    }

    /// The error diagnostics.
    public var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }

    /// The warning diagnostics.
    public var warnings: [Diagnostic] { diagnostics.filter { $0.severity == .warning } }

    /// Whether the configuration can be planned and applied.
    public var isValid: Bool { desiredState != nil }

    /// The desired state, or a ``ConfigurationError`` carrying every error: for `plan` and `apply`,
    /// which must not run on an invalid configuration.
    public func requireDesiredState() throws(ConfigurationError) -> DesiredState {
        guard let desiredState else { throw .invalidConfiguration(diagnostics: diagnostics) }
        return desiredState
    }
}
