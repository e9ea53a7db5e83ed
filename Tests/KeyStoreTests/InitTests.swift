import Foundation
import Testing
import TestSupport

@testable import KeyStore

@Suite("kmipgw init")
struct InitTests {
    private func mode(_ path: String) throws -> Int {
        try #require(FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber).intValue
    }

    @Test("creates directory, key, store and certificate with tight modes; a second run changes nothing")
    func idempotent() throws {
        let directory = try TemporaryDirectory()
        let location = StoreLocation(directory: directory.file("state"))
        let first = try StateInitializer(location: location).run(hostName: "gw.example")
        #expect(first.createdDirectory && first.createdMasterKey && first.createdDatabase && first.createdServerIdentity)
        #expect(try mode(location.directory) == 0o700)
        #expect(try mode(location.masterKeyFile) == 0o600)
        #expect(try mode(location.serverKeyFile) == 0o600)
        #expect(try mode(location.databaseFile) == 0o600)
        let certificate = try Data(contentsOf: URL(fileURLWithPath: location.serverCertificateFile))
        let second = try StateInitializer(location: location).run(hostName: "gw.example")
        #expect(!second.changedAnything)
        #expect(second.serverCertificateFingerprint == first.serverCertificateFingerprint)
        #expect(try Data(contentsOf: URL(fileURLWithPath: location.serverCertificateFile)) == certificate)
        #expect(first.serverCertificateFingerprint.count == 64)
    }

    @Test("a supplied certificate and key are copied in; a named master key must exist")
    func supplied() throws {
        let directory = try TemporaryDirectory()
        let identity = try ServerIdentity.generate(hostName: "supplied")
        let certificate = directory.file("c.pem")
        let key = directory.file("k.pem")
        try identity.certificatePEM.write(toFile: certificate, atomically: true, encoding: .utf8)
        try identity.privateKeyPEM.write(toFile: key, atomically: true, encoding: .utf8)
        let named = StoreLocation(directory: directory.file("state"), masterKeyFile: directory.file("missing.key"))
        #expect(throws: KeyStoreError.self) { try StateInitializer(location: named).run(hostName: "h") }
        let location = StoreLocation(directory: directory.file("state2"))
        let report = try StateInitializer(location: location).run(
            hostName: "h", tlsCertificateFile: certificate, tlsKeyFile: key)
        #expect(report.serverCertificateFingerprint == identity.fingerprint)
    }

    @Test("a store whose default master key is gone is not given a new one")
    func refusesNewKeyForExistingStore() throws {
        let directory = try TemporaryDirectory()
        let location = StoreLocation(directory: directory.file("state"))
        _ = try StateInitializer(location: location).run(hostName: "h")
        try FileManager.default.removeItem(atPath: location.masterKeyFile)
        #expect(throws: KeyStoreError.self) { try StateInitializer(location: location).run(hostName: "h") }
        #expect(!FileManager.default.fileExists(atPath: location.masterKeyFile))
    }
}
