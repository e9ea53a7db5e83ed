import Crypto
import Foundation
import KMIP
import Testing
import TestSupport

@testable import KeyStore

@Suite("Key hierarchy and master key")
struct HierarchyTests {
    @Test("a created key comes back with its exact material, sealed under its adapter's root key")
    func roundTrip() async throws {
        let fixture = try await StoreFixture.make()
        let material = Array(0..<32).map(UInt8.init)
        let created = try await fixture.createKey(name: "disk-1", material: material)
        let read = try fixture.store.object(created.uniqueIdentifier, adapterID: fixture.adapterID)
        #expect(try fixture.store.key(created.uniqueIdentifier, adapterID: fixture.adapterID).material == material)
        #expect(read.names == ["disk-1"])
        #expect(read.state == .preActive)
        #expect(read.cryptographicLength == 256)
        #expect(read.cryptographicAlgorithm == .aes)
    }

    @Test("another adapter's object is reported as not found")
    func isolation() async throws {
        let fixture = try await StoreFixture.make()
        let created = try await fixture.createKey(name: "mine")
        let code = await errorCode {
            _ = try fixture.store.object(created.uniqueIdentifier, adapterID: fixture.otherAdapterID)
        }
        #expect(code == .objectNotFound)
    }

    @Test("the master key and root keys derive independent keys for each purpose")
    func derivations() throws {
        let master = MasterKey(key: .init(size: .bits256))
        let a = KeyHierarchy(masterKey: master.key, storeID: [1])
        let b = KeyHierarchy(masterKey: master.key, storeID: [2])
        #expect(a.checkValue != b.checkValue)
        #expect(a.matches(checkValue: a.checkValue))
        #expect(!b.matches(checkValue: a.checkValue))
        let context = AssociatedData(table: "t", ids: ["1"], column: "c")
        let sealed = try a.rootKeySealer.seal([1, 2, 3], binding: context)
        #expect(throws: KeyStoreError.self) { try b.rootKeySealer.open(sealed, binding: context) }
        #expect(try a.rootKeySealer.open(sealed, binding: context) == [1, 2, 3])
    }

    @Test("a wrong master key is refused by name and modifies nothing")
    func wrongMasterKey() async throws {
        let fixture = try await StoreFixture.make()
        try await fixture.createKey(name: "k")
        fixture.store.close()
        let before = try Data(contentsOf: URL(fileURLWithPath: fixture.location.databaseFile))
        let other = fixture.directory.file("other.key")
        _ = try MasterKey.create(at: other)
        let location = StoreLocation(directory: fixture.location.directory, masterKeyFile: other)
        let code = await errorCode { _ = try SQLiteStore.open(location) }
        #expect(code == .wrongMasterKey)
        let after = try Data(contentsOf: URL(fileURLWithPath: fixture.location.databaseFile))
        #expect(before == after)
    }

    @Test("a missing, malformed or world-readable master key is a clear error")
    func masterKeyFileProblems() async throws {
        let fixture = try await StoreFixture.make()
        let missing = StoreLocation(directory: fixture.location.directory, masterKeyFile: fixture.directory.file("nope"))
        #expect(await errorCode { _ = try SQLiteStore.open(missing) } == .masterKeyMissing)

        let short = fixture.directory.file("short.key")
        _ = FileManager.default.createFile(atPath: short, contents: Data([1, 2, 3]), attributes: [.posixPermissions: 0o600])
        let shortLocation = StoreLocation(directory: fixture.location.directory, masterKeyFile: short)
        #expect(await errorCode { _ = try SQLiteStore.open(shortLocation) } == .masterKeyInvalid)

        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: fixture.location.masterKeyFile)
        #expect(await errorCode { _ = try SQLiteStore.open(fixture.location) } == .masterKeyInsecure)
    }

    @Test("a master key written as 64 hexadecimal digits is accepted")
    func hexMasterKey() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("hex.key")
        let hex = String(repeating: "ab", count: 32) + "\n"
        _ = FileManager.default.createFile(atPath: path, contents: Data(hex.utf8), attributes: [.posixPermissions: 0o600])
        let key = try MasterKey.load(from: path)
        #expect(key.key.withUnsafeBytes { Array($0) } == [UInt8](repeating: 0xAB, count: 32))
    }

    @Test("opening a directory that was never initialised says so")
    func notInitialised() async throws {
        let directory = try TemporaryDirectory()
        let code = await errorCode { _ = try SQLiteStore.open(StoreLocation(directory: directory.file("none"))) }
        #expect(code == .notInitialized)
    }

    @Test("the state directory resolves from flag, then environment, then ./.kmipgw")
    func resolution() {
        let env = ["KMIPGW_STATE": "/env/state", "KMIPGW_MASTER_KEY_FILE": "/env/key"]
        #expect(StoreLocation.resolve(state: "flag", masterKeyFile: nil, environment: env).directory == "flag")
        #expect(StoreLocation.resolve(state: nil, masterKeyFile: nil, environment: env).directory == "/env/state")
        #expect(StoreLocation.resolve(state: nil, masterKeyFile: "k", environment: env).masterKeyFile == "k")
        #expect(StoreLocation.resolve(state: nil, masterKeyFile: nil, environment: env).masterKeyFile == "/env/key")
        let plain = StoreLocation.resolve(state: nil, masterKeyFile: nil, environment: [:])
        #expect(plain.directory == ".kmipgw")
        #expect(plain.masterKeyFile == ".kmipgw/master.key")
        #expect(plain.masterKeyIsDefault)
    }
}
