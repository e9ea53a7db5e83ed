import ArgumentParser
import Foundation
import KeyStore
import Reconciler

extension Kmipgw {
    /// `kmipgw apply -f PATH…`: makes the store match the files in one transaction.
    struct Apply: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Make the store match the configuration files, in one all-or-nothing transaction.",
            discussion: """
                Validates the files (errors print like `kmipgw validate`, exit 1), plans against the store, prints \
                the plan, then applies it in one transaction and prints what it did. --dry-run stops after the \
                plan. Deleting what the files no longer name needs --prune; destroying a root key, or an adapter \
                that owns KMIP keys, also needs --allow-destroy, without which apply refuses and changes nothing. \
                Exit status: 0 applied (or nothing to do), 1 error or refusal.
                """
        )

        /// The output formats.
        enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
            case text
            case json
        }

        @Option(
            name: [.customShort("f"), .customLong("file")],
            help: ArgumentHelp("A configuration file or a directory of them (repeatable).", valueName: "path")
        )
        var files: [String] = []

        @OptionGroup var store: StoreOptions

        @Flag(help: "Validate and plan against the store, print the plan, change nothing.")
        var dryRun = false

        @Flag(help: "Delete what the store holds and the files no longer name.")
        var prune = false

        @Flag(help: "Allow destroying root keys and adapters that own KMIP keys.")
        var allowDestroy = false

        @Option(name: [.customShort("o"), .customLong("output")], help: "Output format: text or json.")
        var output: OutputFormat = .text

        func validate() throws {
            if files.isEmpty { throw ValidationError("Give at least one -f FILE|DIR.") }
        }

        func run() async throws {
            let desired = try Plan.loadDesiredState(files)
            let store = try store.open()
            defer { store.close() }
            let plan: Reconciler.Plan
            do {
                plan = try Planner(options: PlanOptions(prune: prune, allowDestroy: allowDestroy))
                    .plan(desired, against: store)
            } catch let error as KeyStoreError {
                throw StoreOptions.fail(error.reason)
            }
            if output == .text {
                print(PlanTextRenderer().render(plan), terminator: "")
            }
            if dryRun {
                if output == .json { try printJSON(plan: plan, outcome: nil) }
                if output == .text { print("\nDry run: nothing was changed.") }
                return
            }
            let outcome: ApplyOutcome
            do {
                outcome = try await Applier(store: store).apply(plan)
            } catch {
                throw StoreOptions.fail(error.reason)
            }
            switch output {
            case .text: print("\n" + outcome.summary)
            case .json: try printJSON(plan: plan, outcome: outcome)
            }
        }

        private func printJSON(plan: Reconciler.Plan, outcome: ApplyOutcome?) throws {
            let document = ApplyDocument(
                plan: PlanDocument(plan), applied: outcome != nil, dryRun: dryRun,
                generation: outcome?.generation ?? plan.generation, deletedObjects: outcome?.deletedObjects ?? 0)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            FileHandle.standardOutput.write(try encoder.encode(document) + Data("\n".utf8))
        }
    }
}

/// The `apply -o json` shape: the plan, and whether and how it was applied.
private struct ApplyDocument: Encodable {
    var plan: PlanDocument
    var applied: Bool
    var dryRun: Bool
    var generation: UInt64
    var deletedObjects: Int
}
