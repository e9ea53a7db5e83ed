import Foundation
import Testing
import KMIP
import TTLV
import KeyStore
import TestSupport

/// A state directory initialised in a temporary directory, with one instance `prod`, one root
/// key `root` and one adapter `vc` (and optionally a second adapter `other`).
struct StoreFixture {
    let directory: TemporaryDirectory
    let location: StoreLocation
    let clock: TestClock
    let store: SQLiteStore
    let adapterID: Int64
    let otherAdapterID: Int64

    static func make() async throws -> StoreFixture {
        let directory = try TemporaryDirectory(prefix: "kmipgw-store")
        let location = StoreLocation(directory: directory.file("state"))
        _ = try StateInitializer(location: location).run(hostName: "test-host")
        let clock = TestClock()
        let store = try SQLiteStore.open(location, clock: clock.storeClock)
        _ = try await store.apply([
            .createInstance(name: "prod", description: nil),
            .createRootKey(instance: "prod", name: "root"),
            .createRootKey(instance: "prod", name: "root2"),
            .createAdapter(instance: "prod", name: "vc", description: "vCenter", rootKey: "root"),
            .createAdapter(instance: "prod", name: "other", description: nil, rootKey: "root2"),
        ])
        let configuration = try store.configuration()
        let adapter = try #require(configuration.adapters.first { $0.name == "vc" })
        let other = try #require(configuration.adapters.first { $0.name == "other" })
        return StoreFixture(
            directory: directory, location: location, clock: clock, store: store, adapterID: adapter.id,
            otherAdapterID: other.id)
    }

    /// Creates an AES-256 key with `name` and returns it.
    @discardableResult
    func createKey(
        name: String? = nil, material: [UInt8]? = nil, extra: [Attribute] = [], adapterID: Int64? = nil
    ) async throws -> StoredObject {
        var attributes: [Attribute] = [
            Attribute(name: .cryptographicAlgorithm, value: .enumeration(CryptographicAlgorithm.aes.rawValue)),
            Attribute(.cryptographicLength, 256 as Int32),
            Attribute(.cryptographicUsageMask, CryptographicUsageMask([.encrypt, .decrypt]).rawValue),
        ]
        if let name { attributes.append(Attribute(.name, Name(name))) }
        attributes += extra
        let bytes = material ?? (0..<32).map { _ in UInt8.random(in: 0...255) }
        return try await store.create(
            NewObject(objectType: .symmetricKey, material: bytes, attributes: attributes),
            adapterID: adapterID ?? self.adapterID)
    }
}

/// Runs `body` and returns the code of the ``KeyStoreError`` it throws, or `nil` when it does not.
func errorCode(_ body: () async throws -> Void) async -> KeyStoreError.Code? {
    do {
        try await body()
        return nil
    } catch let error as KeyStoreError {
        return error.code
    } catch {
        return nil
    }
}
