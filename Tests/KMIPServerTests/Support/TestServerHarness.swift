import Foundation
import KMIPClient
import KMIPServer
import Logging
import Metrics
import NIOCore
import NIOSSL
import TestSupport

/// Runs a real server on 127.0.0.1 port 0 with a fresh test PKI, and makes pinned clients.
struct TestServerHarness: Sendable {
    let tls: TestTLS.Server
    let server: KMIPServer
    let handler: TestHandler

    static let logger: Logger = {
        var logger = Logger(label: "kmipgw.test") { _ in SwiftLogNoOpLogHandler() }
        logger.logLevel = .critical
        return logger
    }()

    init(
        registry: ClientRegistry, handler: TestHandler = TestHandler(), logger: Logger = TestServerHarness.logger,
        metricsFactory: any MetricsFactory = NOOPMetricsHandler.instance,
        configure: (inout KMIPServerConfiguration) -> Void = { _ in }, now: @escaping @Sendable () -> Date = Date.init,
        serverKey: TestTLS.ServerKey = .p256
    ) throws {
        let tls = try TestTLS.makeServer(key: serverKey)
        var configuration = KMIPServerConfiguration(
            host: "127.0.0.1", port: 0, certificateChain: tls.certificateChain, privateKey: tls.privateKey,
            handshakeTimeout: .seconds(5), shutdownGracePeriod: .seconds(5)
        )
        configure(&configuration)
        self.tls = tls
        self.handler = handler
        self.server = try KMIPServer(
            configuration: configuration, registry: registry, handler: handler, logger: logger, metricsFactory: metricsFactory, now: now)
    }

    /// Runs the server around `body`, then stops it by cancellation.
    func run<Result: Sendable>(_ body: @Sendable (TestServerHarness, Int) async throws -> Result) async throws -> Result {
        try await withThrowingTaskGroup(of: Result?.self) { group in
            group.addTask {
                try await server.run()
                return nil
            }
            let port = try await server.listeningAddress().port!
            let result = try await body(self, port)
            group.cancelAll()
            return result
        }
    }

    /// A client presenting `certificate`; verifies the server with the test CA (and its name).
    func client(_ certificate: TestCertificates.Issued, port: Int, requestTimeout: TimeAmount = .seconds(5)) throws -> KMIPClient {
        try KMIPClient(configuration: KMIPClientConfiguration(
            host: "127.0.0.1", port: port,
            certificateChain: [certificate.nioCertificate()], privateKey: certificate.nioPrivateKey(),
            serverVerification: .certificateAuthority([tls.certificateAuthority]), serverHostname: "localhost",
            connectTimeout: .seconds(5), requestTimeout: requestTimeout
        ))
    }
}

extension ClientRegistry.Entry {
    /// An entry for a test certificate, with its own validity dates.
    static func test(
        _ certificate: TestCertificates.Issued, instance: String = "vc1", adapter: String, binding: Int64 = 1
    ) -> Self {
        ClientRegistry.Entry(
            identity: ClientIdentity(
                fingerprint: certificate.fingerprint, instance: instance, adapter: adapter,
                binding: ClientBinding(rawValue: binding)),
            notValidBefore: certificate.validFrom, notValidAfter: certificate.validUntil
        )
    }
}

/// Polls `condition` until it holds or `timeout` passes; returns whether it held.
func eventually(timeout: Duration = .seconds(10), _ condition: @Sendable () async -> Bool) async -> Bool {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
        if await condition() { return true }
        try? await Task.sleep(for: .milliseconds(20))
    }
    return await condition()
}
