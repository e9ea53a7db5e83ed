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
}
