import ArgumentParser

/// `kmipgw backup`: online backups of the store, and their verification.
struct BackupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Back up the store while it serves (the default), or verify a backup.",
        subcommands: [BackupCreate.self, BackupVerify.self],
        defaultSubcommand: BackupCreate.self
    )
}
