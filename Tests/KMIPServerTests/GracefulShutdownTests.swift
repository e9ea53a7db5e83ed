import KMIP
import KMIPClient
import KMIPServer
import NIOCore
import ServiceLifecycleTestKit
import TestSupport
import Testing

/// A graceful shutdown stops accepting and lets in-flight requests finish.
@Suite struct GracefulShutdownTests {
    @Test func inFlightRequestFinishesThenTheServerReturns() async throws {
        let cert = try TestCertificates.selfSigned()
        let harness = try TestServerHarness(
            registry: ClientRegistry([.test(cert, adapter: "a1")]), handler: TestHandler(queryDelay: .milliseconds(500))
        )
        try await testGracefulShutdown { trigger in
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await harness.server.run() }
                let port = try await harness.server.listeningAddress().port!
                let client = try harness.client(cert, port: port)
                let busy = try await client.connect()
                let idle = try await client.connect()
                _ = try await idle.discoverVersions()

                async let answer = busy.query()
                #expect(await eventually { harness.handler.startedCount == 2 })
                trigger.triggerGracefulShutdown()

                // The slow request still gets its answer.
                #expect(try await answer.vendorIdentification == "vc1/a1/1")
                // run() returns on its own once every connection has drained.
                try await group.next()
                // The server closed both; the client's side learns it when the FIN arrives.
                #expect(await eventually { !busy.isActive })
                #expect(await eventually { !idle.isActive })
                await #expect(throws: (any Error).self) {
                    try await client.withConnection { _ = try await $0.discoverVersions() }
                }
            }
        }
    }
}
