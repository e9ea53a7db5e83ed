import Foundation
import KMIP
import TTLV
import Testing
import TestSupport

@testable import KeyStore

@Suite("Configuration and generation")
struct ConfigurationTests {
    @Test("every apply raises the generation once; KMIP creates do not")
    func generation() async throws {
        let fixture = try await StoreFixture.make()
        let start = try fixture.store.generation()
        #expect(start == 1)
        try await fixture.createKey()
        #expect(try fixture.store.generation() == start)
        let result = try await fixture.store.apply([.updateInstance(name: "prod", description: "changed")])
        #expect(result.generation == start + 1)
        #expect(try fixture.store.generation() == start + 1)
        #expect(try fixture.store.configuration().instances.first?.description == "changed")
        #expect(try await fixture.store.apply([]).generation == start + 1)
    }

    @Test("apply is all or nothing: a failing change leaves the store exactly as it was")
    func atomic() async throws {
        let fixture = try await StoreFixture.make()
        let before = try fixture.store.configuration()
        let code = await errorCode {
            _ = try await fixture.store.apply([
                .createInstance(name: "staging", description: nil),
                .createRootKey(instance: "staging", name: "r"),
                .deleteAdapter(instance: "prod", name: "does-not-exist"),
            ])
        }
        #expect(code == .notFound)
        #expect(try fixture.store.configuration() == before)
    }

    @Test("certificates: parsed facts stored, fingerprint unique across the store, lookup by fingerprint")
    func certificates() async throws {
        let fixture = try await StoreFixture.make()
        let client = try TestCertificates.selfSigned(commonName: "vcenter-01")
        let parsed = try ParsedCertificate(derEncoded: client.der)
        #expect(parsed.fingerprint == client.fingerprint)
        _ = try await fixture.store.apply([
            .addCertificate(instance: "prod", adapter: "vc", name: "c1", certificate: parsed)
        ])
        let binding = try #require(try fixture.store.binding(forCertificateFingerprint: client.fingerprint))
        #expect(binding.adapter.name == "vc")
        #expect(binding.certificate.subject.contains("vcenter-01"))
        #expect(binding.certificate.pem.contains("BEGIN CERTIFICATE"))
        let duplicate = await errorCode {
            _ = try await fixture.store.apply([
                .addCertificate(instance: "prod", adapter: "other", name: "c2", certificate: parsed)
            ])
        }
        #expect(duplicate == .duplicateFingerprint)
        // Bytes that are no certificate never become a change: the parse that makes the facts refuses them.
        #expect(await errorCode { _ = try ParsedCertificate(derEncoded: [1, 2]) } == .invalidCertificate)
        _ = try await fixture.store.apply([.removeCertificate(instance: "prod", adapter: "vc", name: "c1")])
        #expect(try fixture.store.binding(forCertificateFingerprint: client.fingerprint) == nil)
    }

    @Test("object counts per adapter and root key; summaries show names, never material")
    func counts() async throws {
        let fixture = try await StoreFixture.make()
        try await fixture.createKey(name: "a")
        try await fixture.createKey(name: "b")
        try await fixture.createKey(name: "c", adapterID: fixture.otherAdapterID)
        let counts = try fixture.store.objectCounts()
        #expect(counts.byAdapter[QualifiedName(instance: "prod", name: "vc")] == 2)
        #expect(counts.byRootKey[QualifiedName(instance: "prod", name: "root2")] == 1)
        #expect(counts.byRootKeyAndAdapter[QualifiedName(instance: "prod", name: "root")] == ["vc": 2])
        let summaries = try fixture.store.objectSummaries(adapterID: fixture.adapterID)
        #expect(summaries.map(\.names) == [["a"], ["b"]])
    }

    @Test("deleting a root key shreds its objects and leaves its adapters without a root key")
    func shredding() async throws {
        let fixture = try await StoreFixture.make()
        let key = try await fixture.createKey(name: "doomed")
        let result = try await fixture.store.apply([.deleteRootKey(instance: "prod", name: "root")])
        #expect(result.deletedObjects == 1)
        #expect(await errorCode { _ = try fixture.store.object(key.uniqueIdentifier, adapterID: fixture.adapterID) } == .objectNotFound)
        #expect(await errorCode { try await fixture.createKey() } == .rootKeyUnavailable)
        let adapter = try #require(try fixture.store.configuration().adapters.first { $0.name == "vc" })
        #expect(adapter.rootKeyID == nil)
        _ = try await fixture.store.apply([
            .createRootKey(instance: "prod", name: "fresh"),
            .updateAdapter(instance: "prod", name: "vc", description: nil, rootKey: "fresh"),
        ])
        try await fixture.createKey(name: "reborn")
    }

    @Test("deleting an instance cascades to everything it owns")
    func deleteInstance() async throws {
        let fixture = try await StoreFixture.make()
        try await fixture.createKey(name: "a")
        let result = try await fixture.store.apply([.deleteInstance(name: "prod")])
        #expect(result.deletedObjects == 1)
        let configuration = try fixture.store.configuration()
        #expect(configuration.instances.isEmpty && configuration.adapters.isEmpty && configuration.rootKeys.isEmpty)
    }

    @Test("names are unique where the configuration says so")
    func uniqueness() async throws {
        let fixture = try await StoreFixture.make()
        let code = await errorCode {
            _ = try await fixture.store.apply([.createAdapter(instance: "prod", name: "vc", description: nil, rootKey: "root")])
        }
        #expect(code == .alreadyExists)
    }
}
