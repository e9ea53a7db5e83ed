import NIOCore
import NIOEmbedded
import NIOHTTP1
import Prometheus
import ServiceLifecycle
import ServiceLifecycleTestKit
import Testing

@testable import Gateway

/// The metrics listener bounds what a peer can hold: half-sent requests and idle connections
/// time out, and connections beyond the cap are closed at accept.
@Suite struct MetricsEndpointLimitTests {
    static let head = HTTPRequestHead(version: .http1_1, method: .GET, uri: "/metrics")

    @Test func aRequestMustBeWholeWithinTheTimeoutOfTheStartOrTheLastResponse() throws {
        let channel = EmbeddedChannel()
        let loop = channel.embeddedEventLoop
        try channel.pipeline.syncOperations.addHandler(MetricsConnectionTimer(timeout: .seconds(10)))
        try channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 1)).wait()

        // Half a request: the timer from the connection's start still runs.
        try channel.writeInbound(HTTPServerRequestPart.head(Self.head))
        loop.advanceTime(by: .seconds(9))
        #expect(channel.isActive)
        loop.advanceTime(by: .seconds(2))
        #expect(!channel.isActive)
    }

    @Test func noTimerRunsWhileARequestIsAnsweredAndAnIdleKeepAliveTimesOut() throws {
        let channel = EmbeddedChannel()
        let loop = channel.embeddedEventLoop
        try channel.pipeline.syncOperations.addHandler(MetricsConnectionTimer(timeout: .seconds(10)))
        try channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 1)).wait()

        try channel.writeInbound(HTTPServerRequestPart.head(Self.head))
        try channel.writeInbound(HTTPServerRequestPart.end(nil))
        loop.advanceTime(by: .seconds(60))
        #expect(channel.isActive)
        try channel.writeOutbound(HTTPServerResponsePart.head(HTTPResponseHead(version: .http1_1, status: .ok)))
        try channel.writeOutbound(HTTPServerResponsePart.end(nil))
        loop.advanceTime(by: .seconds(9))
        #expect(channel.isActive)
        loop.advanceTime(by: .seconds(2))
        #expect(!channel.isActive)
    }

    @Test func halfSentRequestsAreCappedAndTimedOutThenAScrapeIsAnswered() async throws {
        let endpoint = try await MetricsEndpoint.bind(
            host: "127.0.0.1", port: 0, registry: PrometheusCollectorRegistry(), logger: MetricsEndpointTests.logger,
            limits: .init(requestTimeout: .milliseconds(500), maximumConnections: 4))
        let port = try #require(endpoint.address.port)
        try await testGracefulShutdown { trigger in
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await endpoint.run() }
                var halfSent: [NIOAsyncChannel<ByteBuffer, ByteBuffer>] = []
                for _ in 0..<4 {
                    let connection = try await HTTPExchange.connect(port: port)
                    connection.channel.writeAndFlush(ByteBuffer(string: "GET /metr"), promise: nil)
                    halfSent.append(connection)
                }
                // The fifth is over the cap: closed at once, whatever it sends.
                let over = try await HTTPExchange.connect(port: port)
                over.channel.writeAndFlush(ByteBuffer(string: "GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n"), promise: nil)
                #expect(await eventually { !over.channel.isActive })
                // The half-sent ones time out and make room for a scraper.
                let held = halfSent
                #expect(await eventually { held.allSatisfy { !$0.channel.isActive } })
                let scrape = try await HTTPExchange.send("GET /metrics HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", port: port)
                #expect(scrape.status == 200)
                trigger.triggerGracefulShutdown()
                try await group.next()
            }
        }
    }
}

/// Polls `condition` until it holds or `timeout` passes; returns whether it held.
private func eventually(timeout: Duration = .seconds(10), _ condition: @Sendable () async -> Bool) async -> Bool {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
        if await condition() { return true }
        try? await Task.sleep(for: .milliseconds(20))
    }
    return await condition()
}
