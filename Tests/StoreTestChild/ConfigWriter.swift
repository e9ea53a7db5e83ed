import ArgumentParser
import KeyStore

/// The two-process test's child: commits `count` configuration transactions, printing each new
/// generation.
struct ConfigWriter: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "config-writer")

    @Option var state: String
    @Option var count: Int = 50
    /// A pause between commits, as between real applies; without one this process would hold
    /// the write lock back to back and SQLite's polling busy handler lets the other process in
    /// only rarely.
    @Option var pauseMilliseconds: Int = 0

    func run() async throws {
        let store = try SQLiteStore.open(StoreLocation(directory: state))
        for index in 0..<count {
            if pauseMilliseconds > 0 { try await Task.sleep(for: .milliseconds(pauseMilliseconds)) }
            let result = try await store.apply([
                .createInstance(name: "cfg-\(index)", description: "generation test"),
                .createRootKey(instance: "cfg-\(index)", name: "root"),
                .createAdapter(instance: "cfg-\(index)", name: "adapter", description: nil, rootKey: "root"),
            ])
            StoreTestChild.emit("generation \(result.generation)")
        }
        store.close()
    }
}
