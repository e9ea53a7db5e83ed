import ArgumentParser
import Foundation
import KeyStore
import Logging

/// `--state DIR` and `--master-key-file PATH`, shared by every command that opens the store.
struct StoreOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The state directory (default: $KMIPGW_STATE, else ./.kmipgw).", valueName: "dir"))
    var state: String?

    @Option(
        help: ArgumentHelp(
            "The master key file, 32 bytes or 64 hex digits (default: $KMIPGW_MASTER_KEY_FILE, else DIR/master.key).",
            valueName: "path"))
    var masterKeyFile: String?

    /// The flags resolved against the environment.
    var location: StoreLocation {
        StoreLocation.resolve(
            state: state, masterKeyFile: masterKeyFile, environment: ProcessInfo.processInfo.environment)
    }

    /// Opens the store, or prints the reason to stderr and throws exit status 1.
    ///
    /// The store logs migrations and tampering to `logger`: by default text lines on standard
    /// error, so that standard output keeps only the command's data.
    func open(logger: Logger = Logger(label: "kmipgw.store") { LineLogHandler(label: $0, format: .text) }) throws
        -> SQLiteStore
    {
        do {
            let store = try SQLiteStore.open(location, logger: logger)
            if store.isReadOnly {
                FileHandle.standardError.write(
                    Data(
                        ("note: the state directory \(location.directory) cannot be written (read-only); showing the store "
                            + "as it is on disk\n").utf8))
            }
            return store
        } catch let error as KeyStoreError {
            throw Self.fail(error.reason)
        }
    }

    /// Writes `error: message` to stderr and returns exit status 1, to throw.
    static func fail(_ message: String) -> ExitCode {
        FileHandle.standardError.write(Data("error: \(message)\n".utf8))
        return ExitCode(1)
    }
}
