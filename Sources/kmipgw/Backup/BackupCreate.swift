import ArgumentParser
import Foundation
import KeyStore

/// `kmipgw backup --out FILE`: a consistent snapshot of the store, sealed, in one file.
struct BackupCreate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create",
        abstract: "Write a consistent snapshot of the store to one file, sealed (no master key inside).",
        discussion: """
            Safe while serve and apply run: the snapshot holds every change committed before it started. \
            The file (mode 0600) has a header with the schema version, the generation and the row counts, and \
            a SHA-256 checksum over all of it. It needs no master key to make; `kmipgw backup verify` and \
            `kmipgw restore` need the master key it was sealed with, which is never in the file: keep it \
            apart. Prints the header's facts.
            """
    )

    @OptionGroup var store: StoreOptions

    @Option(help: ArgumentHelp("The backup file to write (replaced atomically if it exists).", valueName: "file"))
    var out: String

    func run() throws {
        let header: BackupHeader
        do {
            header = try StoreBackup.create(from: store.location, to: out, now: Int64(Date().timeIntervalSince1970))
        } catch {
            throw StoreOptions.fail(error.reason)
        }
        print("backup: \(out)")
        print(BackupVerify.summary(header))
    }
}
