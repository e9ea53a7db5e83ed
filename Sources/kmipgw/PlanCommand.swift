import ArgumentParser
import Foundation
import KeyStore
import Reconciler

/// `kmipgw plan -f PATH…`: what `apply` would change in the store, changing nothing.
struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
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
        switch options.output.format {
        case .text: print(PlanTextRenderer().render(plan), terminator: "")
        case .json: print(try PlanDocument(plan).json(), terminator: "")
        }
        if detailedExitcode && !plan.isEmpty { throw ExitCode(2) }
    }
}
