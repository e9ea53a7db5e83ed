import ArgumentParser
import NIOCore
import Testing

@testable import kmipgw

/// The options of `kmipgw serve` that shape the server.
@Suite struct ServeOptionTests {
    @Test func eventLoopsDefaultToHalfTheCoresAndMustBePositive() throws {
        #expect(try Serve.parse([]).eventLoops == nil)
        // At least one loop, and never more than half the cores once there are two.
        let loops = Serve.defaultEventLoops
        #expect(loops >= 1)
        #expect(System.coreCount < 2 || 2 * loops <= System.coreCount)
        #expect(try Serve.parse(["--event-loops", "3"]).eventLoops == 3)
        #expect(throws: (any Error).self) { try Serve.parse(["--event-loops", "0"]) }
        #expect(throws: (any Error).self) { try Serve.parse(["--event-loops", "two"]) }
    }

    @Test func requestLimitsHaveTheirDefaultsAndRefuseNonsense() throws {
        let defaults = try Serve.parse([])
        #expect(defaults.maxBatchItems == 1_000)
        #expect(defaults.maxResponseSize == 8 << 20)
        #expect(defaults.locateDefaultItems == 1_000)
        #expect(defaults.locateMaxItems == 10_000)
        #expect(defaults.auditFailure == "refuse")
        let set = try Serve.parse(["--max-batch-items", "10", "--locate-default-items", "5", "--locate-max-items", "5", "--audit-failure", "continue"])
        #expect(set.maxBatchItems == 10 && set.locateDefaultItems == 5 && set.locateMaxItems == 5 && set.auditFailure == "continue")
        #expect(throws: (any Error).self) { try Serve.parse(["--max-batch-items", "0"]) }
        #expect(throws: (any Error).self) { try Serve.parse(["--max-response-size", "100"]) }
        #expect(throws: (any Error).self) { try Serve.parse(["--locate-default-items", "20", "--locate-max-items", "10"]) }
        #expect(throws: (any Error).self) { try Serve.parse(["--audit-failure", "ignore"]) }
    }
}
