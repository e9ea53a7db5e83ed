import Foundation
import Gateway
import KMIP
import KMIPClient
import Metrics
import NIOCore
import MetricsTestKit
import Operations
import TestSupport
import Testing

/// The request metrics, counted through the whole stack over mutual TLS.
@Suite struct GatewayMetricsTests {
    typealias Stack = GatewayStackTests.Stack

    @Test func requestsAreCountedByOperationAndResult() async throws {
        let metrics = TestMetrics()
        let stack = try await Stack.make(metricsFactory: metrics)
        try await stack.run { port in
            try await stack.client(stack.alice, port: port).withConnection { connection in
                _ = try await connection.discoverVersions()
                let id = try await connection.createSymmetricKey(length: 256, name: "counted")
                _ = try await connection.get(id)
                _ = try await connection.get(id)
                await #expect(throws: KMIPClientError.self) { _ = try await connection.get("no-such-object") }
            }
        }
        func requests(_ operation: String, _ result: String) -> Int64 {
            metrics.counterTotal(label: "kmipgw_requests_total", dimensions: [("operation", operation), ("result", result)])
        }
        #expect(requests("DiscoverVersions", "success") == 1)
        #expect(requests("Create", "success") == 1)
        #expect(requests("Get", "success") == 2)
        #expect(requests("Get", "ItemNotFound") == 1)
        #expect(requests("Destroy", "success") == 0)
        #expect(metrics.counterTotal(label: "kmipgw_requests_total") == 5)
        // One duration per request message, all positive and (in this test) well under 10 s.
        let durations = try metrics.expectTimer("kmipgw_request_duration_seconds").values
        #expect(durations.count == 5)
        #expect(durations.allSatisfy { $0 > 0 && $0 < 10_000_000_000 })
    }

    @Test func labelsHoldOnlyOperationAndResultNames() async throws {
        let metrics = TestMetrics()
        let stack = try await Stack.make(metricsFactory: metrics)
        try await stack.run { port in
            try await stack.client(stack.alice, port: port).withConnection { connection in
                let id = try await connection.createSymmetricKey(name: "secret-name")
                _ = try await connection.get(id)
                await #expect(throws: KMIPClientError.self) { _ = try await connection.get("missing-\(id)") }
            }
        }
        let operations = Set(OperationRegistry.standard.operations.compactMap(\.name) + ["other"])
        let counters = metrics.counters(label: "kmipgw_requests_total")
        #expect(!counters.isEmpty)
        for counter in counters {
            let dimensions = Dictionary(uniqueKeysWithValues: counter.dimensions)
            #expect(Set(dimensions.keys) == ["operation", "result"])
            #expect(operations.contains(dimensions["operation"] ?? ""))
            let result = dimensions["result"] ?? ""
            #expect(result == "success" || ResultReason.names.values.contains(result))
            for value in dimensions.values {
                #expect(!value.contains(stack.alice.fingerprint) && !value.contains("alice") && !value.contains("secret"))
            }
        }
    }

    @Test func anUnreadableMessageCountsAsOtherInvalidMessage() async throws {
        let metrics = TestMetrics()
        let stack = try await Stack.make(metricsFactory: metrics)
        try await stack.run { port in
            try await stack.client(stack.alice, port: port).withConnection { connection in
                // An empty Request Message structure: framed, but without a header or batch item.
                _ = try await connection.sendRaw(ByteBuffer(bytes: [0x42, 0x00, 0x78, 0x01, 0x00, 0x00, 0x00, 0x00]))
            }
        }
        #expect(metrics.counterTotal(
            label: "kmipgw_requests_total", dimensions: [("operation", "other"), ("result", "InvalidMessage")]) == 1)
    }
}
