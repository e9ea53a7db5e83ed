import ArgumentParser
import Foundation
import Reconciler

/// `kmipgw validate -f PATH…`: offline check of configuration files; needs no state directory.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check configuration files offline: YAML syntax, every rule, every certificate.",
        discussion: """
            Reads each -f file, or every *.yaml / *.yml directly inside each -f directory (name order), \
            merges instances by name, and reports every error and warning with file:line:column and \
            the field path. Exit status: 0 valid (warnings go to stderr), 1 invalid.
            """
    )

    @OptionGroup var configuration: ConfigurationFileOptions

    @OptionGroup var output: OutputOptions<ReportFormat>

    func run() throws {
        let report = ConfigurationLoader().validate(paths: configuration.files)
        switch output.format {
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
        FileHandle.standardOutput.write(Data(try ValidationDocument(report).json().utf8))
    }

    private static func count(_ value: Int, _ noun: String) -> String {
        "\(value) \(noun)\(value == 1 ? "" : "s")"
    }

    private static func writeError(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
