import ArgumentParser
import Foundation
import KMIP
import KeyStore

/// `kmipgw bench fill`: gives an existing adapter N AES-256 keys named `fill-0` …
/// `fill-<N-1>`, written straight into the store in large transactions, so that the server
/// can be measured against a store of a million keys without a million KMIP Creates
/// (`Benchmarks/million.sh`).
///
/// Rerunnable: each batch is one all-or-nothing transaction and batches go in name order, so
/// the fill names present are always `fill-0 ..< fill-k`. One Locate by Name tells whether
/// `fill-<N-1>` is already there (the usual rerun, which then does nothing); otherwise a binary
/// search over Locate finds k and only the missing names are created. Counting the adapter's
/// objects instead would scan the whole table and would also count keys that clients
/// created. Two fills of the same adapter at once would break that order; do not run them.
struct BenchFill: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fill",
        abstract: "Fill an existing adapter with N named AES-256 keys (fill-0 … fill-<N-1>).")

    @OptionGroup var store: StoreOptions

    @Option(help: "The instance that owns the adapter.")
    var instance: String

    @Option(help: "The adapter to fill.")
    var adapter: String

    @Option(help: "How many fill keys the adapter should hold in the end.")
    var objects: Int

    @Option(help: "Keys per transaction.")
    var batch = 5_000

    func validate() throws {
        guard objects >= 0 else { throw ValidationError("--objects must not be negative") }
        guard batch >= 1 else { throw ValidationError("--batch must be at least 1") }
    }

    static func name(_ index: Int) -> String { "fill-\(index)" }

    func run() async throws {
        let store = try self.store.open()
        defer { store.close() }
        let adapters = try store.configuration().adapters
        guard let record = adapters.first(where: { $0.instance == instance && $0.name == adapter }) else {
            let known = adapters.map { "\($0.instance)/\($0.name)" }.sorted().joined(separator: ", ")
            throw StoreOptions.fail(
                "no adapter \(instance)/\(adapter) in the store (it has: \(known.isEmpty ? "none" : known)); "
                    + "apply a configuration that declares it first")
        }
        guard record.rootKeyID != nil else {
            throw StoreOptions.fail("adapter \(instance)/\(adapter) has no root key to seal new keys under")
        }

        let clock = ContinuousClock()
        let start = clock.now
        let present = try filledCount(store, adapterID: record.id)
        if present >= objects {
            print("\(instance)/\(adapter) already holds the \(objects) fill keys: nothing to do")
            return
        }
        if present > 0 {
            FileHandle.standardError.write(Data("resuming after \(Self.name(present - 1))\n".utf8))
        }

        var done = present
        while done < objects {
            let count = min(batch, objects - done)
            let base = done
            _ = try await store.createBatch(
                (0..<count).map { BenchStore.newKey(name: Self.name(base + $0)) }, adapterID: record.id)
            done += count
            // Progress on every 100,000 crossed, whatever the batch size.
            if done / 100_000 > (done - count) / 100_000 || done == objects {
                let seconds = start.duration(to: clock.now) / .seconds(1)
                let line = String(
                    format: "%d / %d keys, %.0f s, %.0f keys/s\n", done, objects, seconds,
                    Double(done - present) / seconds)
                FileHandle.standardError.write(Data(line.utf8))
            }
        }
        let seconds = start.duration(to: clock.now) / .seconds(1)
        let rate = String(format: "%.1f s, %.0f keys/s", seconds, Double(done - present) / seconds)
        print("filled \(instance)/\(adapter) with \(done - present) keys (now fill-0 … fill-\(objects - 1)) in \(rate)")
    }

    /// How many fill keys are present: the k for which `fill-0 ..< fill-k` exist, capped at
    /// `objects`. Relies on the name order of the batches (see the type's documentation).
    private func filledCount(_ store: SQLiteStore, adapterID: Int64) throws -> Int {
        func exists(_ index: Int) throws -> Bool {
            let query = try LocateQuery(matching: [Attribute(.name, Name(Self.name(index)))], maximumItems: 1)
            return try !store.locate(query, adapterID: adapterID).isEmpty
        }
        guard objects > 0 else { return 0 }
        if try exists(objects - 1) { return objects }
        // Invariant: fill-<low - 1> exists (or low is 0), fill-<high> does not.
        var low = 0
        var high = objects - 1
        while low < high {
            let middle = (low + high) / 2
            if try exists(middle) { low = middle + 1 } else { high = middle }
        }
        return low
    }
}
