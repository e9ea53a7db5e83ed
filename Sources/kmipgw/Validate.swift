import ArgumentParser
import Foundation
import Reconciler

extension Kmipgw {
    /// `kmipgw validate -f PATH…`: offline check of configuration files; needs no state directory.
    struct Validate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check configuration files offline: YAML syntax, every rule, every certificate.",
            discussion: """
                Reads each -f file, or every *.yaml / *.yml directly inside each -f directory (name order), \
                merges instances by name, and reports every error and warning with file:line:column and \
                the field path. Exit status: 0 valid (warnings go to stderr), 1 invalid.
                """
        )

        enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
            case text
            case json
        }

        @Option(
            name: [.customShort("f"), .customLong("file")],
            help: ArgumentHelp("A configuration file or a directory of them (repeatable).", valueName: "path")
        )
        var files: [String] = []

        @Option(name: [.customShort("o"), .customLong("output")], help: "Output format: text or json.")
        var output: OutputFormat = .text

        func validate() throws {
            if files.isEmpty { throw ValidationError("Give at least one -f FILE|DIR.") }
        }

        func run() throws {
            let report = ConfigurationLoader().validate(paths: files)
            switch output {
            case .text: printText(report)
            case .json: try printJSON(report)
            }
            if !report.isValid { throw ExitCode(1) }
        }

        private func printText(_ report: ValidationReport) {
            for diagnostic in report.diagnostics {
                Self.writeError("\(diagnostic)\n")
            }
            let errors = report.errors.count
            let warnings = report.warnings.count
            if let state = report.desiredState {
                let adapters = state.instances.flatMap(\.adapters)
                let summary = [
                    Self.count(state.instances.count, "instance"),
                    Self.count(state.instances.reduce(0) { $0 + $1.rootKeys.count }, "root key"),
                    Self.count(adapters.count, "adapter"),
                    Self.count(adapters.reduce(0) { $0 + $1.certificates.count }, "certificate"),
                ].joined(separator: ", ")
                print(
                    "valid: \(summary) in \(Self.count(report.files.count, "file"))"
                        + (warnings > 0 ? " (\(Self.count(warnings, "warning")))" : "")
                )
            } else {
                let omitted =
                    report.omittedDiagnostics > 0
                    ? ", and \(report.omittedDiagnostics) more not listed (a run lists its first \(report.diagnostics.count))"
                    : ""
                Self.writeError(
                    "invalid: \(Self.count(errors, "error")), \(Self.count(warnings, "warning"))\(omitted)\n"
                )
            }
        }

        private func printJSON(_ report: ValidationReport) throws {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            let data = try encoder.encode(JSONReport(report))
            FileHandle.standardOutput.write(data + Data("\n".utf8))
        }

        private static func count(_ value: Int, _ noun: String) -> String {
            "\(value) \(noun)\(value == 1 ? "" : "s")"
        }

        private static func writeError(_ text: String) {
            FileHandle.standardError.write(Data(text.utf8))
        }
    }
}

/// The `-o json` shape of a validation report: stable keys for CI annotations and scripts.
private struct JSONReport: Encodable {
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

    init(_ report: ValidationReport) {
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
