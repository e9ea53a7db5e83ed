import ArgumentParser
import Foundation
import KeyStore
import Reconciler

/// The flags `plan` and `apply` share, and the step they share: load the files, open the store,
/// plan against it.
struct ReconcileOptions: ParsableArguments {
    @OptionGroup var configuration: ConfigurationFileOptions

    @OptionGroup var store: StoreOptions

    @Flag(help: "Delete what the store holds and the files no longer name.")
    var prune = false

    @Flag(help: "Allow destroying root keys and adapters that own KMIP keys.")
    var allowDestroy = false

    @OptionGroup var output: OutputOptions<ReportFormat>

    /// Validates the files, opens the store and plans against it. The caller closes the store.
    func plan() throws -> (Reconciler.Plan, SQLiteStore) {
        let desired = try configuration.loadDesiredState()
        let store = try store.open()
        do {
            let plan = try Planner(options: PlanOptions(prune: prune, allowDestroy: allowDestroy)).plan(desired, against: store)
            return (plan, store)
        } catch let error as KeyStoreError {
            store.close()
            throw StoreOptions.fail(error.reason)
        }
    }
}
