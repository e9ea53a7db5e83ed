import ArgumentParser
import Foundation
import KMIP
import KeyStore
import TTLV

/// `kmipgw bench store`: the state store measured in process, without the KMIP server: durable
/// creates with one and many writers, Get by identifier and Locate by Name over N objects, and
/// bytes on disk per object.
struct BenchStore: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "store", abstract: "Measure the store in process: creates/s, Get, Locate and size on disk.")

    @Option(help: "The state directory to fill (created when missing).")
    var state: String

    @Option(help: "Objects in the store for the Get and Locate measurements.")
    var objects: Int = 1_000_000

    @Option(help: "Creates measured with one writer.")
    var singleCreates: Int = 300

    @Option(help: "Creates measured with concurrent writers.")
    var concurrentCreates: Int = 8_000

    @Option(help: "Concurrent writers.")
    var writers: Int = 16

    func run() async throws {
        let (store, adapter) = try await Self.prepare(state)
        let clock = ContinuousClock()

        var elapsed = try await clock.measure {
            for index in 0..<singleCreates {
                _ = try await store.create(Self.newKey(name: "single-\(index)"), adapterID: adapter)
            }
        }
        Self.emit(String(format: "durable creates/s, 1 writer: %.0f", Double(singleCreates) / elapsed.storeBenchSeconds))

        let perWriter = concurrentCreates / writers
        elapsed = try await clock.measure {
            try await withThrowingTaskGroup(of: Void.self) { group in
                for writer in 0..<writers {
                    group.addTask {
                        for index in 0..<perWriter {
                            _ = try await store.create(Self.newKey(name: "w\(writer)-\(index)"), adapterID: adapter)
                        }
                    }
                }
                try await group.waitForAll()
            }
        }
        Self.emit(
            String(
                format: "durable creates/s, %d writers: %.0f", writers,
                Double(perWriter * writers) / elapsed.storeBenchSeconds))

        // Fill to the target in batches of 10,000 per transaction.
        var count = try store.objectCounts().byAdapter.values.reduce(0, +)
        let firstFilled = count
        var sample: [String] = []
        let fill = try await clock.measure {
            while count < objects {
                let batch = min(10_000, objects - count)
                let base = count
                let created = try await store.createBatch(
                    (0..<batch).map { Self.newKey(name: "bench-\(base + $0)") }, adapterID: adapter)
                if sample.count < 10_000 { sample += created.prefix(1_000).map(\.uniqueIdentifier) }
                count += batch
            }
        }
        Self.emit(String(format: "filled to %d objects in %.1f s", count, fill.storeBenchSeconds))
        if sample.isEmpty {
            sample = try store.locate(LocateQuery(maximumItems: 10_000), adapterID: adapter)
        }

        let gets = 100_000
        let getTime = try clock.measure {
            for index in 0..<gets {
                let key = try store.key(sample[index % sample.count], adapterID: adapter)
                precondition(key.material?.count == 32)
            }
        }
        Self.emit(String(format: "Get by identifier: %.2f µs", getTime.storeBenchSeconds * 1e6 / Double(gets)))

        let locates = 2_000
        var found = 0
        let locateTime = try clock.measure {
            for _ in 0..<locates {
                // Names bench-N exist for the filled objects: N in firstFilled..<count on a
                // fresh store; a rerun on a filled store draws from them all.
                let low = firstFilled < count ? firstFilled : 8_300
                let name = "bench-\(Int.random(in: low..<count))"
                let query = try LocateQuery(matching: [Attribute(.name, Name(name))])
                found += try store.locate(query, adapterID: adapter).count
            }
        }
        Self.emit(
            String(
                format: "Locate by Name over %d objects: %.3f ms (%d found)", count,
                locateTime.storeBenchSeconds * 1e3 / Double(locates), found))

        store.close()
        let location = StoreLocation(directory: state)
        var bytes = 0
        for suffix in ["", "-wal", "-shm"] {
            let size = (try? FileManager.default.attributesOfItem(atPath: location.databaseFile + suffix))?[.size]
            bytes += (size as? NSNumber)?.intValue ?? 0
        }
        Self.emit(
            String(
                format: "bytes on disk per object: %.0f (%d bytes, %d objects)", Double(bytes) / Double(count),
                bytes, count))
    }
}

extension BenchStore {
    /// Opens (initialising when needed) a store with instance `bench`, root key `root`, adapter `bench`.
    static func prepare(_ directory: String) async throws -> (SQLiteStore, Int64) {
        let location = StoreLocation(directory: directory)
        _ = try StateInitializer(location: location).run(hostName: "localhost")
        let store = try SQLiteStore.open(location)
        if try store.configuration().adapters.first(where: { $0.name == "bench" }) == nil {
            _ = try await store.apply([
                .createInstance(name: "bench", description: nil),
                .createRootKey(instance: "bench", name: "root"),
                .createAdapter(instance: "bench", name: "bench", description: nil, rootKey: "root"),
            ])
        }
        let adapter = try store.configuration().adapters.first { $0.name == "bench" }!
        return (store, adapter.id)
    }

    static func newKey(name: String) -> NewObject {
        NewObject(
            objectType: .symmetricKey, material: (0..<32).map { _ in UInt8.random(in: 0...255) },
            attributes: [
                Attribute(name: .cryptographicAlgorithm, value: .enumeration(CryptographicAlgorithm.aes.rawValue)),
                Attribute(.cryptographicLength, 256 as Int32),
                Attribute(.cryptographicUsageMask, CryptographicUsageMask([.encrypt, .decrypt]).rawValue),
                Attribute(.name, Name(name)),
            ])
    }

    /// Writes a line straight to the file descriptor: a parent reading it knows the line was
    /// emitted even if this process is killed right after.
    static func emit(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }
}

extension Duration {
    // fileprivate: other subcommands may measure time their own way.
    fileprivate var storeBenchSeconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}
