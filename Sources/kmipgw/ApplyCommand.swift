import ArgumentParser
import Foundation
import KeyStore
import Reconciler

/// `kmipgw apply -f PATH…`: makes the store match the files in one transaction.
struct ApplyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "apply",
        abstract: "Make the store match the configuration files, in one all-or-nothing transaction.",
        discussion: """
            Validates the files (errors print like `kmipgw validate`, exit 1), plans against the store, prints \
            the plan, then applies it in one transaction and prints what it did. --dry-run stops after the \
            plan. Deleting what the files no longer name needs --prune; destroying a root key, or an adapter \
            that owns KMIP keys, also needs --allow-destroy, without which apply refuses and changes nothing. \
            Exit status: 0 applied (or nothing to do), 1 error or refusal.
            """
    )

    @OptionGroup var options: ReconcileOptions

    @Flag(help: "Validate and plan against the store, print the plan, change nothing.")
    var dryRun = false

    @Option(help: ArgumentHelp("How long to wait for another apply to finish, in seconds.", valueName: "seconds"))
    var lockTimeout: Int = 60

    func validate() throws {
        guard (0...3_600).contains(lockTimeout) else {
            throw ValidationError("--lock-timeout must be between 0 and 3600 seconds.")
        }
    }

    func run() async throws {
        // Held from before the plan to after the commit: a second apply plans against what
        // this one leaves. A dry run changes nothing and takes no lock.
        let lock: ApplyLock?
        do {
            lock = dryRun ? nil : try ApplyLock.acquire(
                options.store.location, timeout: .seconds(lockTimeout),
                onWait: { holder in
                    FileHandle.standardError.write(Data("waiting for another apply to finish (\(holder))\n".utf8))
                })
        } catch {
            throw StoreOptions.fail(error.reason)
        }
        defer { withExtendedLifetime(lock) {} }
        let (plan, store) = try options.plan()
        defer { store.close() }
        if options.output.format == .text {
            print(PlanTextRenderer().render(plan), terminator: "")
        }
        if dryRun {
            if options.output.format == .json { try printJSON(plan: plan, outcome: nil) }
            if options.output.format == .text { print("\nDry run: nothing was changed.") }
            return
        }
        let outcome: ApplyOutcome
        do {
            outcome = try await Applier(store: store).apply(plan)
        } catch {
            throw StoreOptions.fail(error.reason)
        }
        switch options.output.format {
        case .text: print("\n" + outcome.summary)
        case .json: try printJSON(plan: plan, outcome: outcome)
        }
    }

    private func printJSON(plan: Reconciler.Plan, outcome: ApplyOutcome?) throws {
        FileHandle.standardOutput.write(Data(try ApplyDocument(plan, outcome: outcome, dryRun: dryRun).json().utf8))
    }
}
