import ArgumentParser
import Foundation
import KeyStore

/// `kmipgw restore FILE`: a verified backup becomes the store of an initialised state directory.
struct RestoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract: "Replace the store with a backup, after verifying it with the master key.",
        discussion: """
            Stop every `kmipgw serve` on the state directory first. The directory must be initialised \
            (`kmipgw init --state DIR --master-key-file KEY`, with the master key the backup was sealed with). \
            The backup is verified in full (as `backup verify` does) before it replaces anything; a store \
            that holds any instance or object is replaced only with --replace. Exit status 1 on any refusal, \
            with the store as it was.
            """
    )

    @OptionGroup var store: StoreOptions

    @Argument(help: ArgumentHelp("The backup file.", valueName: "file"))
    var file: String

    @Flag(help: "Replace a store that already holds configuration or keys.")
    var replace = false

    func run() throws {
        let verification: StoreBackup.Verification
        do {
            verification = try StoreBackup.restore(file, into: store.location, replacing: replace)
        } catch {
            throw StoreOptions.fail(error.reason)
        }
        print("restored: \(file) into \(store.location.directory)")
        print(BackupVerify.summary(verification.header))
    }
}
