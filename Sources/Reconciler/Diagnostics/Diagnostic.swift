import KMIP

/// One finding of `validate`: an error that makes the configuration invalid, or a warning that does not.
///
/// Diagnostics are values so that the command line can print them as text or JSON and tests can
/// compare them; the library never prints.
public struct Diagnostic: Hashable, Sendable, CustomStringConvertible {
    /// Whether a diagnostic blocks the configuration.
    public enum Severity: String, Hashable, Sendable {
        /// The configuration is invalid.
        case error
        /// Worth a look, but the configuration stays valid (for example an expired certificate).
        case warning
    }

    /// Error or warning.
    public var severity: Severity
    /// A stable identifier of the rule, for scripts and tests.
    public var code: Code
    /// A human-readable explanation. Never holds secret material (a pasted private key is named, not echoed).
    public var message: String
    /// Where the problem is; `nil` only for problems with no file at all.
    public var location: SourceLocation?
    /// The field the problem is about; the root path for whole-file problems.
    public var fieldPath: FieldPath

    /// Creates a diagnostic.
    public init(
        severity: Severity,
        code: Code,
        message: String,
        location: SourceLocation?,
        fieldPath: FieldPath = .root
    ) {
        self.severity = severity
        self.code = code
        self.message = message
        self.location = location
        self.fieldPath = fieldPath
    }

    /// Creates an error diagnostic.
    static func error(_ code: Code, _ message: String, at location: SourceLocation?, path: FieldPath = .root) -> Self {
        Diagnostic(severity: .error, code: code, message: message, location: location, fieldPath: path)
    }

    /// Creates a warning diagnostic.
    static func warning(_ code: Code, _ message: String, at location: SourceLocation?, path: FieldPath = .root)
        -> Self
    {
        Diagnostic(severity: .warning, code: code, message: message, location: location, fieldPath: path)
    }

    /// The compiler-style line: `file:12:7: error: instances[0].adapters[0].name: must be 2–40 characters (got 1)`.
    public var description: String {
        var text = ""
        if let location { text += "\(location): " }
        text += "\(severity.rawValue): "
        let path = fieldPath.description
        if !path.isEmpty { text += "\(path): " }
        text += message
        // Messages quote what the files hold (keys, names, paths): a CI log must get no raw control character.
        return PrintableText.escaped(text)
    }
}
