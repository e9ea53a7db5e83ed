import Foundation
import Gateway
import KMIP
import KMIPClient
import KMIPServer
import KeyStore
import Logging
import Metrics
import NIOCore
import NIOHTTP1
import NIOPosix
import Operations
import Prometheus
import ServiceLifecycle
import ServiceLifecycleTestKit
import TestSupport
import Testing

@testable import Gateway

/// `kmipgw serve --metrics-listen`'s endpoint over a real socket on 127.0.0.1, fed by the
/// gateway's own metrics through a Prometheus registry.
@Suite struct MetricsEndpointTests {
    static let logger: Logger = {
        var logger = Logger(label: "kmipgw.test") { _ in SwiftLogNoOpLogHandler() }
        logger.logLevel = .critical
        return logger
    }()

    /// A registry that has seen `count` Discover Versions requests through the gateway, over
    /// mutual TLS.
    static func registryAfterRequests(_ count: Int) async throws -> (PrometheusCollectorRegistry, TemporaryDirectory) {
        let registry = PrometheusCollectorRegistry()
        let stack = try await GatewayStackTests.Stack.make(metricsFactory: PrometheusMetricsFactory(registry: registry))
        try await stack.run { port in
            try await stack.client(stack.alice, port: port).withConnection { connection in
                for _ in 0..<count { _ = try await connection.discoverVersions() }
            }
        }
        stack.store.close()
        return (registry, stack.directory)
    }

    /// The endpoint the gateway builder binds serves the registry the gateway's requests feed.
    @Test func theBuiltGatewayServesItsOwnMetrics() async throws {
        let registry = PrometheusCollectorRegistry()
        let stack = try await GatewayStackTests.Stack.make(
            metricsFactory: PrometheusMetricsFactory(registry: registry),
            metricsEndpoint: .init(host: "127.0.0.1", port: 0, registry: registry))
        defer { stack.store.close() }
        let endpoint = try #require(stack.gateway.metricsEndpoint)
        let metricsPort = try #require(endpoint.address.port)
        try await stack.run { port in
            try await stack.client(stack.alice, port: port).withConnection { _ = try await $0.discoverVersions() }
            let metrics = try await HTTPExchange.send(
                "GET /metrics HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", port: metricsPort)
            #expect(metrics.status == 200)
            #expect(metrics.body.contains(#"kmipgw_requests_total{operation="DiscoverVersions",result="success"} 1"#))
            #expect(metrics.body.contains("kmipgw_connections_total"))
        }
    }

    @Test func getMetricsAnswersTheRegistryAndOtherPathsAndMethodsAreRefused() async throws {
        let (registry, directory) = try await Self.registryAfterRequests(3)
        defer { _ = directory }
        let endpoint = try await MetricsEndpoint.bind(host: "127.0.0.1", port: 0, registry: registry, logger: Self.logger)
        let port = try #require(endpoint.address.port)
        #expect(port > 0)
        try await testGracefulShutdown { trigger in
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await endpoint.run() }

                let metrics = try await HTTPExchange.send("GET /metrics HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", port: port)
                #expect(metrics.status == 200)
                #expect(metrics.headers["content-type"] == "text/plain; version=0.0.4; charset=utf-8")
                #expect(metrics.body.contains(#"kmipgw_requests_total{operation="DiscoverVersions",result="success"} 3"#))
                #expect(metrics.body.contains("kmipgw_request_duration_seconds_count 3"))
                #expect(!metrics.body.contains("abababab"))

                let other = try await HTTPExchange.send("GET /other HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", port: port)
                #expect(other.status == 404)
                let post = try await HTTPExchange.send(
                    "POST /metrics HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nConnection: close\r\n\r\n", port: port)
                #expect(post.status == 405)
                #expect(post.headers["allow"] == "GET")

                // A scraper keeping its connection alive must not hold up the shutdown: the server
                // closes it, so its inbound ends.
                try await HTTPExchange.connect(port: port).executeThenClose { inbound, outbound in
                    try await outbound.write(ByteBuffer(string: "GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n"))
                    var iterator = inbound.makeAsyncIterator()
                    let first = try #require(try await iterator.next())
                    #expect(String(buffer: first).hasPrefix("HTTP/1.1 200"))
                    trigger.triggerGracefulShutdown()
                    while try await iterator.next() != nil {}
                }
                try await group.next()
                // Connecting after the shutdown fails: the listener is closed.
                await #expect(throws: (any Error).self) {
                    _ = try await HTTPExchange.send("GET /metrics HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", port: port)
                }
            }
        }
    }

    @Test func routingAnswersMetricsOnlyForGetOnTheMetricsPath() {
        let registry = PrometheusCollectorRegistry()
        PrometheusMetricsFactory(registry: registry)
            .makeCounter(label: "kmipgw_requests_total", dimensions: [("operation", "Get"), ("result", "success")])
            .increment(by: 1)
        let answer = MetricsEndpoint.answer(method: .GET, path: "/metrics", registry: registry)
        #expect(answer.status == .ok)
        #expect(String(decoding: answer.body, as: UTF8.self).contains(#"kmipgw_requests_total{operation="Get",result="success"} 1"#))
        #expect(MetricsEndpoint.answer(method: .HEAD, path: "/metrics", registry: registry).status == .methodNotAllowed)
        #expect(MetricsEndpoint.answer(method: .GET, path: "/", registry: registry).status == .notFound)
    }
}

/// A raw HTTP/1.1 exchange over a plain socket: the test sees exactly what a scraper would.
struct HTTPExchange {
    var status: Int
    var headers: [String: String]
    var body: String

    static func connect(port: Int) async throws -> NIOAsyncChannel<ByteBuffer, ByteBuffer> {
        try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connect(host: "127.0.0.1", port: port) { channel in
                channel.eventLoop.makeCompletedFuture { try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel) }
            }
    }

    /// Sends `request` (which must ask for `Connection: close`) and reads until the server closes.
    static func send(_ request: String, port: Int) async throws -> HTTPExchange {
        let text = try await connect(port: port).executeThenClose { inbound, outbound in
            try await outbound.write(ByteBuffer(string: request))
            var text = ""
            for try await chunk in inbound { text += String(buffer: chunk) }
            return text
        }
        let parts = text.components(separatedBy: "\r\n\r\n")
        let head = parts[0].components(separatedBy: "\r\n")
        // An empty or cut reply (the server closed first) is status 0, not a crash.
        let statusLine = head[0].split(separator: " ")
        let status = statusLine.count > 1 ? Int(statusLine[1]) ?? 0 : 0
        var headers: [String: String] = [:]
        for line in head.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return HTTPExchange(status: status, headers: headers, body: parts.dropFirst().joined(separator: "\r\n\r\n"))
    }
}
