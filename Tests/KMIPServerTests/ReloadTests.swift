import KMIP
import KMIPClient
import KMIPServer
import NIOCore
import TestSupport
import Testing

/// `updateRegistry` takes effect at once, without touching healthy connections.
@Suite struct ReloadTests {
    @Test func removedCertificateIsDisconnectedAndRefusedWhileOthersStayAndNewOnesConnect() async throws {
        let removed = try TestCertificates.selfSigned(commonName: "removed")
        let kept = try TestCertificates.selfSigned(commonName: "kept")
        let added = try TestCertificates.selfSigned(commonName: "added")
        let harness = try TestServerHarness(registry: ClientRegistry([.test(removed, adapter: "r"), .test(kept, adapter: "k")]))
        try await harness.run { harness, port in
            let doomed = try await harness.client(removed, port: port).connect()
            let healthy = try await harness.client(kept, port: port).connect()
            _ = try await doomed.discoverVersions()
            _ = try await healthy.discoverVersions()
            await expectRefused(harness, added, port: port)

            harness.server.updateRegistry(ClientRegistry([.test(kept, adapter: "k"), .test(added, adapter: "a")]))

            #expect(await eventually { !doomed.isActive })
            await #expect(throws: KMIPClientError.self) { try await doomed.discoverVersions() }
            await expectRefused(harness, removed, port: port)
            #expect(healthy.isActive)
            #expect(try await healthy.query().vendorIdentification == "vc1/k/1")
            try await harness.client(added, port: port).withConnection { (connection) async throws in
                #expect(try await connection.query().vendorIdentification == "vc1/a/1")
            }
            await healthy.close()
        }
    }

    @Test func rebindingACertificateToAnotherAdapterClosesItsConnection() async throws {
        let cert = try TestCertificates.selfSigned(commonName: "moved")
        let harness = try TestServerHarness(registry: ClientRegistry([.test(cert, adapter: "before", binding: 1)]))
        try await harness.run { harness, port in
            let connection = try await harness.client(cert, port: port).connect()
            #expect(try await connection.query().vendorIdentification == "vc1/before/1")
            harness.server.updateRegistry(ClientRegistry([.test(cert, adapter: "after", binding: 2)]))
            #expect(await eventually { !connection.isActive })
            try await harness.client(cert, port: port).withConnection { (connection) async throws in
                #expect(try await connection.query().vendorIdentification == "vc1/after/2")
            }
        }
    }

    @Test func aCertificateWhoseBindingChangesIsDisconnectedEvenUnderTheSameNames() async throws {
        // An adapter deleted and created again under its old name gets a new row id: the
        // connection belongs to the old one and must not reach the new one's keys.
        let cert = try TestCertificates.selfSigned(commonName: "recreated")
        let harness = try TestServerHarness(registry: ClientRegistry([.test(cert, adapter: "same", binding: 1)]))
        try await harness.run { harness, port in
            let connection = try await harness.client(cert, port: port).connect()
            #expect(try await connection.query().vendorIdentification == "vc1/same/1")
            harness.server.updateRegistry(ClientRegistry([.test(cert, adapter: "same", binding: 2)]))
            #expect(await eventually { !connection.isActive })
            try await harness.client(cert, port: port).withConnection { (connection) async throws in
                #expect(try await connection.query().vendorIdentification == "vc1/same/2")
            }
        }
    }
}
