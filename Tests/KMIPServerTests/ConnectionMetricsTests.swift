import Foundation
import KMIPClient
import KMIPServer
import Metrics
import MetricsTestKit
import NIOCore
import TestSupport
import Testing

/// The connection metrics: counted over real sockets with an injected `TestMetrics`.
@Suite struct ConnectionMetricsTests {
    @Test func openConnectionsGoUpAndBackDownAndEveryAcceptIsCounted() async throws {
        let cert = try TestCertificates.selfSigned(commonName: "vcenter")
        let metrics = TestMetrics()
        let harness = try TestServerHarness(registry: ClientRegistry([.test(cert, adapter: "a1")]), metricsFactory: metrics)
        let open = try metrics.expectMeter("kmipgw_connections_open")
        try await harness.run { harness, port in
            let first = try await harness.client(cert, port: port).connect()
            let second = try await harness.client(cert, port: port).connect()
            _ = try await first.discoverVersions()
            _ = try await second.discoverVersions()
            #expect(open.lastValue == 2)
            await first.close()
            #expect(await eventually { open.lastValue == 1 })
            await second.close()
            #expect(await eventually { open.lastValue == 0 })
        }
        #expect(metrics.counterTotal(label: "kmipgw_connections_total") == 2)
        #expect(metrics.counterTotal(label: "kmipgw_connections_closed_total", dimensions: [("reason", "closed")]) == 2)
        #expect(metrics.counterTotal(label: "kmipgw_handshakes_refused_total") == 0)
    }

    @Test func aRefusedHandshakeIsCountedByReasonOnly() async throws {
        let registered = try TestCertificates.selfSigned(commonName: "registered")
        let stranger = try TestCertificates.selfSigned(commonName: "stranger")
        let metrics = TestMetrics()
        let harness = try TestServerHarness(registry: ClientRegistry([.test(registered, adapter: "a1")]), metricsFactory: metrics)
        let open = try metrics.expectMeter("kmipgw_connections_open")
        try await harness.run { harness, port in
            await #expect(throws: (any Error).self) {
                try await harness.client(stranger, port: port).withConnection { _ = try await $0.discoverVersions() }
            }
            #expect(await eventually {
                metrics.counterTotal(label: "kmipgw_connections_closed_total", dimensions: [("reason", "handshake_failed")]) == 1
            })
            #expect(await eventually { open.lastValue == 0 })
        }
        #expect(metrics.counterTotal(label: "kmipgw_handshakes_refused_total", dimensions: [("reason", "not_registered")]) == 1)
        #expect(metrics.counterTotal(label: "kmipgw_handshakes_refused_total", dimensions: [("reason", "expired")]) == 0)
        #expect(metrics.counterTotal(label: "kmipgw_handshakes_refused_total") == 1)
        // By reason only: the refused certificate's fingerprint is in no label.
        for counter in metrics.counters {
            #expect(counter.dimensions.allSatisfy { !$0.1.contains(stranger.fingerprint) })
        }
    }

    @Test func aConnectionBeyondTheLimitIsCountedAsRefusedAtAccept() async throws {
        let cert = try TestCertificates.selfSigned(commonName: "vcenter")
        let metrics = TestMetrics()
        let harness = try TestServerHarness(registry: ClientRegistry([.test(cert, adapter: "a1")]), metricsFactory: metrics) {
            $0.maximumConnections = 1
        }
        try await harness.run { harness, port in
            let first = try await harness.client(cert, port: port).connect()
            _ = try await first.discoverVersions()
            await #expect(throws: (any Error).self) {
                try await harness.client(cert, port: port).withConnection { _ = try await $0.discoverVersions() }
            }
            await first.close()
        }
        #expect(metrics.counterTotal(label: "kmipgw_connections_total") == 2)
        #expect(metrics.counterTotal(label: "kmipgw_connections_closed_total", dimensions: [("reason", "connection_limit")]) == 1)
    }
}
