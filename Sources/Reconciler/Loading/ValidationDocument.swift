import Foundation

/// The `validate -o json` shape of a validation report: stable keys for CI annotations and scripts.
public struct ValidationDocument: Encodable {
    struct Entry: Encodable {
        var severity: String
        var code: String
        var message: String
        var file: String?
        var line: Int?
        var column: Int?
        var path: String
    }

    struct Summary: Encodable {
        var instances: Int
        var rootKeys: Int
        var adapters: Int
        var certificates: Int
    }

    var valid: Bool
    var errors: Int
    var warnings: Int
    /// Diagnostics past the run's limit, counted and not listed.
    var omitted: Int
    var files: [String]
    var diagnostics: [Entry]
    var summary: Summary?

    public init(_ report: ValidationReport) {
        valid = report.isValid
        errors = report.errors.count
        warnings = report.warnings.count
        omitted = report.omittedDiagnostics
        files = report.files
        diagnostics = report.diagnostics.map { diagnostic in
            Entry(
                severity: diagnostic.severity.rawValue,
                code: diagnostic.code.description,
                message: diagnostic.message,
                file: diagnostic.location?.file,
                line: diagnostic.location?.line,
                column: diagnostic.location?.column,
                path: diagnostic.fieldPath.description
            )
        }
        summary = report.desiredState.map { state in
            let adapters = state.instances.flatMap(\.adapters)
            return Summary(
                instances: state.instances.count,
                rootKeys: state.instances.reduce(0) { $0 + $1.rootKeys.count },
                adapters: adapters.count,
                certificates: adapters.reduce(0) { $0 + $1.certificates.count }
            )
        }
    }
}

extension ValidationDocument {
    /// The document as ``JSONOutput/document(_:)`` writes it.
    public func json() throws -> String { try JSONOutput.document(self) }
}
