import ArgumentParser
import Foundation
import Reconciler

/// `-f FILE|DIR` (repeatable): the configuration files `validate`, `plan` and `apply` read.
struct ConfigurationFileOptions: ParsableArguments {
    @Option(
        name: [.customShort("f"), .customLong("file")],
        help: ArgumentHelp("A configuration file or a directory of them (repeatable).", valueName: "path")
    )
    var files: [String] = []

    func validate() throws {
        if files.isEmpty { throw ValidationError("Give at least one -f FILE|DIR.") }
    }

    /// Validates the files. Every diagnostic goes to stderr as `validate` prints it; with errors
    /// this throws exit status 1.
    func loadDesiredState() throws -> DesiredState {
        let report = ConfigurationLoader().validate(paths: files)
        for diagnostic in report.diagnostics {
            FileHandle.standardError.write(Data("\(diagnostic)\n".utf8))
        }
        guard let desired = report.desiredState else {
            let errors = report.errors.count
            let omitted = report.omittedDiagnostics > 0 ? " (and \(report.omittedDiagnostics) more not listed)" : ""
            throw StoreOptions.fail("invalid configuration: \(errors) error\(errors == 1 ? "" : "s")\(omitted); nothing planned")
        }
        return desired
    }
}
