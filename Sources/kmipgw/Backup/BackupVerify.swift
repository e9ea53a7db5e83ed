import ArgumentParser
import Foundation
import KeyStore

/// `kmipgw backup verify FILE`: the checksum, then every row and object, with the master key.
struct BackupVerify: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check a backup with the master key: checksum, every row's tag, every object's sealed material, counts.",
        discussion: """
            Works on a scratch copy next to the file; changes nothing. The master key is --master-key-file, \
            $KMIPGW_MASTER_KEY_FILE, or the state directory's master.key. Exit status 1 when any check fails.
            """
    )

    @OptionGroup var store: StoreOptions

    @Argument(help: ArgumentHelp("The backup file.", valueName: "file"))
    var file: String

    func run() throws {
        let verification: StoreBackup.Verification
        do {
            verification = try StoreBackup.verify(file, masterKeyFile: store.location.masterKeyFile)
        } catch {
            throw StoreOptions.fail(error.reason)
        }
        print("verified: \(file)")
        print(Self.summary(verification.header))
        print("objects unsealed and checked: \(verification.unsealedObjects)")
    }

    /// What a backup header says, for people.
    static func summary(_ header: BackupHeader) -> String {
        let counts = header.counts
        let taken = Date(timeIntervalSince1970: TimeInterval(header.createdAt)).ISO8601Format()
        return """
            taken: \(taken), schema version \(header.schemaVersion), generation \(header.generation)
            holds: \(counts.instances) instances, \(counts.rootKeys) root keys, \(counts.adapters) adapters, \
            \(counts.certificates) certificates, \(counts.objects) objects (\(header.databaseBytes) bytes)
            """
    }
}
