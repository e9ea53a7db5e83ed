import ArgumentParser
import Foundation
import KeyStore
import Reconciler

extension Kmipgw {
    /// `kmipgw plan -f PATH…`: what `apply` would change in the store, changing nothing.
    struct Plan: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show what apply would change in the store: + create, ~ update, - delete.",
            discussion: """
                Validates the files like `kmipgw validate`, then compares them with the store. Things the store \
                holds but the files no longer name are kept and listed, unless --prune deletes them. Destroying a \
                root key, or deleting an adapter that owns KMIP keys, also needs --allow-destroy (apply refuses \
                otherwise). Exit status: 0 no changes (or any successful plan without --detailed-exitcode), \
                2 changes with --detailed-exitcode, 1 error.
                """
        )

        @OptionGroup var options: ReconcileOptions

        @Flag(help: "Exit 0 when there are no changes, 2 when there are, 1 on error.")
        var detailedExitcode = false

        func run() throws {
            let (plan, store) = try options.plan()
            defer { store.close() }
            switch options.output {
            case .text: print(PlanTextRenderer().render(plan), terminator: "")
            case .json: print(try PlanDocument(plan).json(), terminator: "")
            }
            if detailedExitcode && !plan.isEmpty { throw ExitCode(2) }
        }

        /// Validates the files; on errors prints every diagnostic like `validate` and throws exit
        /// status 1. Warnings go to stderr too.
        static func loadDesiredState(_ files: [String]) throws -> DesiredState {
            let report = ConfigurationLoader().validate(paths: files)
            for diagnostic in report.diagnostics {
                FileHandle.standardError.write(Data("\(diagnostic)\n".utf8))
            }
            guard let desired = report.desiredState else {
                let errors = report.errors.count
                let omitted = report.omittedDiagnostics > 0 ? " (and \(report.omittedDiagnostics) more not listed)" : ""
                throw StoreOptions.fail(
                    "invalid configuration: \(errors) error\(errors == 1 ? "" : "s")\(omitted); nothing planned")
            }
            return desired
        }
    }
}
