import Foundation
import TestSupport
@testable import Reconciler

/// Validates a single YAML text written to a temporary file.
func validate(yaml: String, now: Date = Date()) throws -> ValidationReport {
    try withTemporaryDirectory { directory in
        let file = try directory.write("config.yaml", yaml)
        return ConfigurationLoader(now: now).validate(paths: [file])
    }
}

extension ValidationReport {
    /// The errors with this code.
    func errors(_ code: Diagnostic.Code) -> [Diagnostic] {
        errors.filter { $0.code == code }
    }

    /// The warnings with this code.
    func warnings(_ code: Diagnostic.Code) -> [Diagnostic] {
        warnings.filter { $0.code == code }
    }

    /// Every diagnostic as its printed line, for failure messages.
    var transcript: String {
        diagnostics.map(\.description).joined(separator: "\n")
    }
}
