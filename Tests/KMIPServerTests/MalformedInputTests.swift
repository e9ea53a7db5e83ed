import KMIP
import KMIPClient
import KMIPServer
import NIOCore
import TestSupport
import Testing

/// Oversized and non-KMIP input cost only the offending connection.
@Suite struct MalformedInputTests {
    @Test func oversizedMessageGetsInvalidMessageThenCloseAndOthersAreServed() async throws {
        let cert = try TestCertificates.selfSigned()
        let harness = try TestServerHarness(registry: ClientRegistry([.test(cert, adapter: "a1")])) {
            $0.maximumMessageSize = 4096
        }
        try await harness.run { harness, port in
            let bystander = try await harness.client(cert, port: port).connect()
            let offender = try await harness.client(cert, port: port).connect()
            // Only the start of a message announcing 1 MiB: the server must answer from the header.
            var bytes = RequestMessage(version: .v1_2, payloads: [DiscoverVersionsRequest()]).encoded()
            bytes.setInteger(UInt32(1 << 20), at: bytes.readerIndex + 4)
            let answer = try ResponseMessage(bytes: try await offender.sendRaw(bytes.getSlice(at: bytes.readerIndex, length: 64)!))
            #expect(answer.header.protocolVersion == .v1_2)
            #expect(answer.batchItems.first?.resultReason == .invalidMessage)
            #expect(answer.batchItems.first?.resultMessage?.contains("maximum of 4096") == true)
            #expect(await eventually { !offender.isActive })
            #expect(try await bystander.discoverVersions() == ProtocolVersion.supported)
            await bystander.close()
            #expect(harness.handler.startedCount == 1)
        }
    }

    @Test func bytesThatAreNotKMIPCloseTheConnectionAndTheServerKeepsServing() async throws {
        let cert = try TestCertificates.selfSigned()
        let harness = try TestServerHarness(registry: ClientRegistry([.test(cert, adapter: "a1")]))
        try await harness.run { harness, port in
            let client = try harness.client(cert, port: port)
            let offender = try await client.connect()
            await #expect(throws: KMIPClientError.self) {
                _ = try await offender.sendRaw(ByteBuffer(string: "GET / HTTP/1.1\r\nHost: kmip\r\n\r\n"))
            }
            #expect(await eventually { !offender.isActive })
            try await client.withConnection { (connection) async throws in
                #expect(try await connection.discoverVersions() == ProtocolVersion.supported)
            }
            #expect(harness.handler.startedCount == 1)
        }
    }

    @Test func idleConnectionIsClosed() async throws {
        let cert = try TestCertificates.selfSigned()
        let harness = try TestServerHarness(registry: ClientRegistry([.test(cert, adapter: "a1")])) {
            // Long enough that a loaded CI machine still gets its first request in before it fires.
            $0.idleTimeout = .milliseconds(1500)
        }
        try await harness.run { harness, port in
            let connection = try await harness.client(cert, port: port).connect()
            _ = try await connection.discoverVersions()
            #expect(connection.isActive)
            #expect(await eventually(timeout: .seconds(10)) { !connection.isActive })
            #expect(await eventually { harness.server.connectionCount == 0 })
        }
    }

    @Test func incompleteMessageHitsTheReadTimeout() async throws {
        let cert = try TestCertificates.selfSigned()
        let harness = try TestServerHarness(registry: ClientRegistry([.test(cert, adapter: "a1")])) {
            $0.readTimeout = .milliseconds(300)
        }
        try await harness.run { harness, port in
            let connection = try await harness.client(cert, port: port).connect()
            let whole = RequestMessage(version: .v1_4, payloads: [DiscoverVersionsRequest()]).encoded()
            let start = ContinuousClock.now
            await #expect(throws: KMIPClientError.self) {
                _ = try await connection.sendRaw(whole.getSlice(at: whole.readerIndex, length: 20)!)
            }
            #expect(ContinuousClock.now - start < .seconds(8))
            #expect(harness.handler.startedCount == 0)
        }
    }
}
