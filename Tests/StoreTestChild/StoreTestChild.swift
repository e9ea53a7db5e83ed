import ArgumentParser
import Foundation
import KMIP
import KeyStore

/// The child processes of the store's crash and two-process tests: a test-only executable, so
/// that this machinery never ships in `kmipgw`. Each prints one line per acknowledged write,
/// straight to the file descriptor, so the parent knows a line was emitted even when it kills
/// the child right after.
@main
struct StoreTestChild: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "StoreTestChild",
        abstract: "Child processes for the store's crash and concurrency tests.",
        subcommands: [CrashWriter.self, ConfigWriter.self]
    )

    static func emit(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }
}
