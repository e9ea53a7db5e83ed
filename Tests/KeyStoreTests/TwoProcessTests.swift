import Foundation
import KMIP
import Synchronization
import Testing
import TestSupport

@testable import KeyStore

@Suite("Two processes", .serialized)
struct TwoProcessTests {
    /// Set once the child has exited; the creating tasks stop then.
    private final class Finished: Sendable {
        let flag = Atomic<Bool>(false)
    }

    @Test("one process applies configuration while this one creates KMIP objects: no error, no lost write")
    func configurationAndCreates() async throws {
        let fixture = try await StoreFixture.make()
        let generationBefore = try fixture.store.generation()
        let commits = 40
        let (process, output) = try KmipgwExecutable.start(
            ["config-writer", "--state", fixture.location.directory, "--count", String(commits), "--pause-milliseconds", "25"],
            executable: "StoreTestChild")
        let finished = Finished()
        var created: [String: [UInt8]] = [:]
        try await withThrowingTaskGroup(of: [String: [UInt8]].self) { group in
            group.addTask {
                let text = await KmipgwExecutable.finish(process, output)
                finished.flag.store(true, ordering: .sequentiallyConsistent)
                #expect(text.split(separator: "\n").count == commits)
                return [:]
            }
            for writer in 0..<8 {
                group.addTask {
                    var mine: [String: [UInt8]] = [:]
                    var index = 0
                    while !finished.flag.load(ordering: .sequentiallyConsistent) {
                        let material = (0..<32).map { _ in UInt8.random(in: 0...255) }
                        let key = try await fixture.createKey(name: "w\(writer)-\(index)", material: material)
                        mine[key.uniqueIdentifier] = material
                        index += 1
                    }
                    return mine
                }
            }
            for try await part in group { created.merge(part) { first, _ in first } }
        }
        #expect(process.terminationStatus == 0)
        // The child commits for at least a second (40 × 25 ms), so every writer overlaps it; a
        // count tied to machine speed would make the test flaky on a loaded machine.
        #expect(created.count >= 8, "the writers did not overlap the configuration commits")
        #expect(try fixture.store.generation() == generationBefore + UInt64(commits))
        let configuration = try fixture.store.configuration()
        #expect(configuration.instances.filter { $0.name.hasPrefix("cfg-") }.count == commits)
        #expect(configuration.adapters.filter { $0.instance.hasPrefix("cfg-") }.count == commits)
        #expect(try fixture.store.objectCounts().byAdapter[QualifiedName(instance: "prod", name: "vc")] == created.count)
        for (uid, material) in created {
            #expect(try fixture.store.key(uid, adapterID: fixture.adapterID).material == material)
        }
    }
}
