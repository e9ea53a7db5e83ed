import ArgumentParser
import NIOCore
import Testing

@testable import kmipgw

/// The options of `kmipgw serve` that shape the server.
@Suite struct ServeOptionTests {
    @Test func eventLoopsDefaultToHalfTheCoresAndMustBePositive() throws {
        #expect(try Serve.parse([]).eventLoops == nil)
        #expect(Serve.defaultEventLoops == max(1, System.coreCount / 2))
        #expect(try Serve.parse(["--event-loops", "3"]).eventLoops == 3)
        #expect(throws: (any Error).self) { try Serve.parse(["--event-loops", "0"]) }
        #expect(throws: (any Error).self) { try Serve.parse(["--event-loops", "two"]) }
    }
}
