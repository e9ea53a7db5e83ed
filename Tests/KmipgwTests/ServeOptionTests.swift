import ArgumentParser
import Foundation
import KMIPServer
import NIOSSL
import NIOCore
import TestSupport
import Testing

@testable import kmipgw

/// The options of `kmipgw serve` that shape the server.
@Suite struct ServeOptionTests {
    @Test func eventLoopsDefaultToHalfTheCoresAndMustBePositive() throws {
        #expect(try ServeCommand.parse([]).eventLoops == nil)
        // At least one loop, and never more than half the cores once there are two.
        let loops = ServeCommand.defaultEventLoops
        #expect(loops >= 1)
        #expect(System.coreCount < 2 || 2 * loops <= System.coreCount)
        #expect(try ServeCommand.parse(["--event-loops", "3"]).eventLoops == 3)
        #expect(throws: (any Error).self) { try ServeCommand.parse(["--event-loops", "0"]) }
        #expect(throws: (any Error).self) { try ServeCommand.parse(["--event-loops", "two"]) }
    }

    @Test func requestLimitsHaveTheirDefaultsAndRefuseNonsense() throws {
        let defaults = try ServeCommand.parse([])
        #expect(defaults.maxBatchItems == 1_000)
        #expect(defaults.maxResponseSize == 8 << 20)
        #expect(defaults.locateDefaultItems == 1_000)
        #expect(defaults.locateMaxItems == 10_000)
        #expect(defaults.auditFailure == "refuse")
        let set = try ServeCommand.parse(["--max-batch-items", "10", "--locate-default-items", "5", "--locate-max-items", "5", "--audit-failure", "continue"])
        #expect(set.maxBatchItems == 10 && set.locateDefaultItems == 5 && set.locateMaxItems == 5 && set.auditFailure == "continue")
        #expect(throws: (any Error).self) { try ServeCommand.parse(["--max-batch-items", "0"]) }
        #expect(throws: (any Error).self) { try ServeCommand.parse(["--max-response-size", "100"]) }
        #expect(throws: (any Error).self) { try ServeCommand.parse(["--locate-default-items", "20", "--locate-max-items", "10"]) }
        #expect(throws: (any Error).self) { try ServeCommand.parse(["--audit-failure", "ignore"]) }
    }
}

extension ServeOptionTests {
    @Test func tlsMinVersionAndConnectionsPerAddressReachTheServer() throws {
        let directory = try TemporaryDirectory()
        let tls = try TestTLS.makeServer()
        try tls.certificatePEM.write(toFile: directory.file("cert.pem"), atomically: true, encoding: .utf8)
        try tls.privateKeyPEM.write(toFile: directory.file("key.pem"), atomically: true, encoding: .utf8)
        func minimum(_ arguments: [String]) throws -> TLSVersion {
            try ServeCommand.parse(arguments).serverConfiguration(
                certificateChainFile: directory.file("cert.pem"), privateKeyFile: directory.file("key.pem")
            ).minimumTLSVersion
        }
        #expect(try minimum([]) == .tlsv12)
        #expect(try minimum(["--tls-min-version", "1.2"]) == .tlsv12)
        #expect(try minimum(["--tls-min-version", "1.3"]) == .tlsv13)
        let limits = try ServeCommand.parse(["--max-connections-per-address", "16"]).serverConfiguration(
            certificateChainFile: directory.file("cert.pem"), privateKeyFile: directory.file("key.pem"))
        #expect(limits.maximumConnectionsPerAddress == 16)
        #expect(try ServeCommand.parse([]).maxConnectionsPerAddress == 512)
        #expect(throws: (any Error).self) { try ServeCommand.parse(["--max-connections-per-address", "0"]) }
        for bad in ["1.1", "1.0", "TLSv1.3", "13"] {
            #expect(throws: (any Error).self) { try ServeCommand.parse(["--tls-min-version", bad]) }
        }
    }

    @Test func metricsListenIsParsedLikeListen() throws {
        #expect(throws: (any Error).self) { try ServeCommand.parse(["--metrics-listen", "9464x"]) }
        #expect(throws: (any Error).self) { try ServeCommand.parse(["--metrics-listen", "127.0.0.1:70000"]) }
        let serve = try ServeCommand.parse(["--metrics-listen", "127.0.0.1:9464"])
        #expect(serve.metricsListen == "127.0.0.1:9464")
        #expect(try ServeCommand.parse([]).metricsListen == nil)
    }
}
