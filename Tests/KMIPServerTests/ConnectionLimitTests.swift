import KMIP
import KMIPClient
import KMIPServer
import NIOCore
import NIOPosix
import TestSupport
import Testing

/// One host holding idle connections must not keep other clients out: at a limit (the whole
/// server's, or one address's) the oldest connection still in its TLS handshake makes room, and
/// only connections that finished a handshake count as taken.
@Suite struct ConnectionLimitTests {
    /// Plain TCP connections that never start TLS, as a host that keeps reopening idle sockets.
    static func idleConnections(_ count: Int, port: Int) async throws -> [any Channel] {
        var channels: [any Channel] = []
        for _ in 0..<count {
            channels.append(try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton).connect(host: "127.0.0.1", port: port).get())
        }
        return channels
    }

    @Test func aClientStillGetsInWhenIdleHandshakesFillTheServer() async throws {
        let cert = try TestCertificates.selfSigned(commonName: "vcenter")
        let harness = try TestServerHarness(
            registry: ClientRegistry([.test(cert, adapter: "a1")]), configure: { $0.maximumConnections = 8 })
        try await harness.run { harness, port in
            let idle = try await Self.idleConnections(20, port: port)
            #expect(await eventually { harness.server.connectionCount == 8 })
            try await harness.client(cert, port: port).withConnection { _ = try await $0.discoverVersions() }
            #expect(harness.handler.recorded.count == 1)
            #expect(harness.server.connectionCount <= 8)
            for channel in idle { try? await channel.close() }
        }
    }

    @Test func oneAddressHoldsAtMostItsShareAndItsIdleHandshakesMakeRoom() async throws {
        let cert = try TestCertificates.selfSigned(commonName: "vcenter")
        let harness = try TestServerHarness(
            registry: ClientRegistry([.test(cert, adapter: "a1")]), configure: { $0.maximumConnectionsPerAddress = 3 })
        try await harness.run { harness, port in
            let idle = try await Self.idleConnections(10, port: port)
            #expect(await eventually { harness.server.connectionCount == 3 })
            // Idle handshakes from the same address make room for a real client…
            let held = try await [harness.client(cert, port: port).connect(), harness.client(cert, port: port).connect()]
            for connection in held { _ = try await connection.discoverVersions() }
            let third = try await harness.client(cert, port: port).connect()
            _ = try await third.discoverVersions()
            #expect(harness.server.connectionCount == 3)
            // …but established connections are not evicted: a fourth is refused, and the three still answer.
            await #expect(throws: KMIPClientError.self) {
                let fourth = try await harness.client(cert, port: port).connect()
                _ = try await fourth.discoverVersions()
            }
            for connection in held + [third] { _ = try await connection.discoverVersions() }
            #expect(harness.handler.recorded.count == 6)
            for connection in held + [third] { await connection.close() }
            for channel in idle { try? await channel.close() }
        }
    }
}
