import Crypto
import Foundation
import Testing
import TestSupport

@testable import KeyStore

/// Issue 11, finding 13: file modes judged where they matter, and key bytes cleared.
@Suite("State directory and master key permissions")
struct StatePermissionTests {
    private func code(_ body: () throws -> Void) -> KeyStoreError.Code? {
        do {
            try body()
            return nil
        } catch let error as KeyStoreError {
            return error.code
        } catch {
            return nil
        }
    }

    private func writeKey(_ path: String, mode: Int) {
        _ = FileManager.default.createFile(
            atPath: path, contents: Data(repeating: 7, count: 32), attributes: [.posixPermissions: mode])
    }

    @Test("a master key behind a symlink (a Kubernetes Secret) is judged by the file it points to")
    func symlinkedMasterKey() throws {
        let directory = try TemporaryDirectory()
        try FileManager.default.createDirectory(atPath: directory.file("..data"), withIntermediateDirectories: true)
        writeKey(directory.file("..data/master.key"), mode: 0o400)
        try FileManager.default.createSymbolicLink(
            atPath: directory.file("master.key"), withDestinationPath: "..data/master.key")
        let key = try MasterKey.load(from: directory.file("master.key"))
        #expect(key.key.withUnsafeBytes { Array($0) } == [UInt8](repeating: 7, count: 32))

        writeKey(directory.file("..data/open.key"), mode: 0o644)
        try FileManager.default.createSymbolicLink(
            atPath: directory.file("open.key"), withDestinationPath: "..data/open.key")
        do {
            _ = try MasterKey.load(from: directory.file("open.key"))
            Issue.record("a group-readable target must be refused")
        } catch {
            #expect(error.code == .masterKeyInsecure)
            #expect(error.reason.contains("the file the symlink points to"))
            #expect(error.reason.contains("mode 644"))
        }
        try FileManager.default.createSymbolicLink(
            atPath: directory.file("dangling.key"), withDestinationPath: "..data/none.key")
        #expect(code { _ = try MasterKey.load(from: directory.file("dangling.key")) } == .masterKeyMissing)
    }

    @Test("a master key file longer than any accepted form is refused without reading it all")
    func longMasterKey() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("long.key")
        _ = FileManager.default.createFile(
            atPath: path, contents: Data(repeating: 0x61, count: 4096), attributes: [.posixPermissions: 0o600])
        #expect(code { _ = try MasterKey.load(from: path) } == .masterKeyInvalid)
    }

    @Test("init refuses an existing directory that group or others can write to, and says how to fix it")
    func worldWritableDirectory() throws {
        let directory = try TemporaryDirectory()
        let state = directory.file("state")
        try FileManager.default.createDirectory(atPath: state, withIntermediateDirectories: true)
        try FileManager.default.setAttributes([.posixPermissions: 0o777], ofItemAtPath: state)
        do {
            _ = try StateInitializer(location: StoreLocation(directory: state)).run(hostName: "h")
            Issue.record("a world-writable state directory must be refused")
        } catch let error as KeyStoreError {
            #expect(error.code == .statePermissions)
            #expect(error.reason.contains("chmod 700"))
        }
        #expect(!FileManager.default.fileExists(atPath: state + "/master.key"), "nothing is created in it")
        try FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: state)
        #expect(try StateInitializer(location: StoreLocation(directory: state)).run(hostName: "h").createdMasterKey)
    }

    @Test("a store file others can read or write is refused on open, with the mode and the fix")
    func openStoreFile() throws {
        let directory = try TemporaryDirectory()
        let location = StoreLocation(directory: directory.file("state"))
        _ = try StateInitializer(location: location).run(hostName: "h")
        try SQLiteStore.open(location).close()
        try FileManager.default.setAttributes([.posixPermissions: 0o666], ofItemAtPath: location.databaseFile)
        do {
            _ = try SQLiteStore.open(location)
            Issue.record("a 0666 store must be refused")
        } catch let error as KeyStoreError {
            #expect(error.code == .statePermissions)
            #expect(error.reason.contains("mode 666"))
            #expect(error.reason.contains("chmod 600"))
        }
        #expect(code { _ = try StateInitializer(location: location).run(hostName: "h") } == .statePermissions)
    }

    @Test("key buffers are overwritten with zeros")
    func zeroing() {
        var bytes = [UInt8](repeating: 0xAB, count: 64)
        SecretBytes.zero(&bytes)
        #expect(bytes == [UInt8](repeating: 0, count: 64))
    }
}
