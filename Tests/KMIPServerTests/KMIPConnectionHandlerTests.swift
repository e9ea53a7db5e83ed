import KMIP
import NIOCore
import NIOEmbedded
import NIOTLS
import TTLV
import Testing

@testable import KMIPServer

/// The server's connection pipeline after TLS (the request decoder in a `ByteToMessageHandler`,
/// then the timer and drain handler), without sockets: EmbeddedChannel and a manual clock.
@Suite struct KMIPConnectionHandlerTests {
    static let timeouts = KMIPConnectionHandler.Timeouts(handshake: .seconds(5), idle: .seconds(60), read: .seconds(10))

    func makeChannel(handshake: Bool = true) throws -> EmbeddedChannel {
        let channel = EmbeddedChannel(handlers: [
            ByteToMessageHandler(KMIPRequestDecoder(maximumMessageSize: 1024)),
            KMIPConnectionHandler(timeouts: Self.timeouts),
        ])
        try channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 5696)).wait()
        if handshake {
            channel.pipeline.fireUserInboundEventTriggered(TLSUserEvent.handshakeCompleted(negotiatedProtocol: nil))
            #expect(try channel.readInbound(as: KMIPInboundFrame.self) == .established)
        }
        return channel
    }

    func request(_ version: ProtocolVersion = .v1_4) -> ByteBuffer {
        RequestMessage(version: version, payloads: [DiscoverVersionsRequest()]).encoded()
    }

    @Test func messagesSplitAnywhereComeOutWhole() throws {
        let channel = try makeChannel()
        let message = request()
        for byte in message.readableBytesView {
            try channel.writeInbound(ByteBuffer(bytes: [byte]))
        }
        #expect(try channel.readInbound(as: KMIPInboundFrame.self) == .request(message))
        var two = request(.v1_1)
        var second = request(.v1_3)
        two.writeBuffer(&second)
        try channel.writeInbound(two)
        #expect(try channel.readInbound(as: KMIPInboundFrame.self) == .request(request(.v1_1)))
        #expect(try channel.readInbound(as: KMIPInboundFrame.self) == .request(request(.v1_3)))
        #expect(try channel.readInbound(as: KMIPInboundFrame.self) == nil)
    }

    @Test func bytesThatDoNotStartARequestMessageFailAndClose() throws {
        let channel = try makeChannel()
        #expect(throws: KMIPServerError.self) { try channel.writeInbound(ByteBuffer(string: "GET / HTTP/1.1\r\n")) }
        #expect(!channel.isActive)
        #expect(try channel.readInbound(as: KMIPInboundFrame.self) == nil)
    }

    @Test func oversizedRequestIsReportedWithItsVersionAndClosesAfterTheAnswer() throws {
        let channel = try makeChannel()
        var bytes = request(.v1_2)
        bytes.setInteger(UInt32(4096), at: bytes.readerIndex + 4)
        try channel.writeInbound(bytes)
        #expect(try channel.readInbound(as: KMIPInboundFrame.self) == .oversized(version: .v1_2, announcedLength: 4104))
        try channel.writeInbound(request())  // ignored: the connection is draining
        #expect(try channel.readInbound(as: KMIPInboundFrame.self) == nil)
        #expect(channel.isActive)
        try channel.writeOutbound(ByteBuffer(string: "answer"))
        #expect(!channel.isActive)
    }

    @Test func idleTimerRunsOnlyWhenNothingIsPending() throws {
        let channel = try makeChannel()
        try channel.writeInbound(request())
        _ = try channel.readInbound(as: KMIPInboundFrame.self)
        // A request is being handled: no timer may fire, however slow the store.
        channel.embeddedEventLoop.advanceTime(by: .seconds(120))
        #expect(channel.isActive)
        try channel.writeOutbound(ByteBuffer(string: "answer"))
        channel.embeddedEventLoop.advanceTime(by: .seconds(59))
        #expect(channel.isActive)
        channel.embeddedEventLoop.advanceTime(by: .seconds(2))
        #expect(!channel.isActive)
        #expect(throws: KMIPServerError.self) { try channel.throwIfErrorCaught() }
    }

    @Test func idleTimerCountsFromTheLastAnswerNotFromTheFirstIdlePeriod() throws {
        // The idle wake-up is scheduled once and re-armed when it comes early, not rescheduled on
        // every request: a connection busy until just before the first wake-up must survive it.
        let channel = try makeChannel()
        for _ in 0..<3 {
            channel.embeddedEventLoop.advanceTime(by: .seconds(50))
            try channel.writeInbound(request())
            _ = try channel.readInbound(as: KMIPInboundFrame.self)
            try channel.writeOutbound(ByteBuffer(string: "answer"))
        }
        channel.embeddedEventLoop.advanceTime(by: .seconds(59))
        #expect(channel.isActive)
        // A read timeout shorter than the pending idle wake-up still fires on time.
        let message = request()
        try channel.writeInbound(message.getSlice(at: message.readerIndex, length: 10)!)
        channel.embeddedEventLoop.advanceTime(by: .seconds(9))
        #expect(channel.isActive)
        channel.embeddedEventLoop.advanceTime(by: .seconds(2))
        #expect(!channel.isActive)
        #expect(throws: KMIPServerError.self) { try channel.throwIfErrorCaught() }
    }

    @Test func readTimerMeasuresOneMessageFromItsFirstByte() throws {
        let channel = try makeChannel()
        let message = request()
        try channel.writeInbound(message.getSlice(at: message.readerIndex, length: 10)!)
        channel.embeddedEventLoop.advanceTime(by: .seconds(6))
        try channel.writeInbound(message.getSlice(at: message.readerIndex + 10, length: 10)!)
        channel.embeddedEventLoop.advanceTime(by: .seconds(5))
        #expect(!channel.isActive)
    }

    @Test func handshakeTimeoutClosesASilentClient() throws {
        let channel = try makeChannel(handshake: false)
        channel.embeddedEventLoop.advanceTime(by: .seconds(4))
        #expect(channel.isActive)
        channel.embeddedEventLoop.advanceTime(by: .seconds(2))
        #expect(!channel.isActive)
    }

    @Test func quiesceWaitsForTheInFlightAnswer() throws {
        let channel = try makeChannel()
        try channel.writeInbound(request())
        _ = try channel.readInbound(as: KMIPInboundFrame.self)
        channel.pipeline.fireUserInboundEventTriggered(ChannelShouldQuiesceEvent())
        #expect(channel.isActive)
        try channel.writeOutbound(ByteBuffer(string: "answer"))
        #expect(try channel.readOutbound(as: ByteBuffer.self) == ByteBuffer(string: "answer"))
        #expect(!channel.isActive)
    }

    @Test func quiesceClosesAnIdleConnectionAtOnce() throws {
        let channel = try makeChannel()
        channel.pipeline.fireUserInboundEventTriggered(ChannelShouldQuiesceEvent())
        #expect(!channel.isActive)
    }

    @Test func versionIsPeekedFromTheFirstBytesOnly() {
        let message = request(.v1_3)
        #expect(InvalidMessageResponse.peekVersion(in: message.getSlice(at: message.readerIndex, length: 56)!) == .v1_3)
        #expect(InvalidMessageResponse.peekVersion(in: message.getSlice(at: message.readerIndex, length: 40)!) == nil)
    }

    @Test func theReadTimerRestartsForAMessageThatBeginsInTheReadThatEndsThePreviousOne() throws {
        let channel = try makeChannel()
        let first = request(.v1_1)
        try channel.writeInbound(first.getSlice(at: first.readerIndex, length: 10)!)
        channel.embeddedEventLoop.advanceTime(by: .seconds(8))
        var rest = first.getSlice(at: first.readerIndex + 10, length: first.readableBytes - 10)!
        let second = request(.v1_2)
        rest.writeImmutableBuffer(second.getSlice(at: second.readerIndex, length: 10)!)
        try channel.writeInbound(rest)
        #expect(try channel.readInbound(as: KMIPInboundFrame.self) == .request(first))
        try channel.writeOutbound(ByteBuffer(string: "answer"))
        // 16 s after the first message's first byte, 8 s after the second's.
        channel.embeddedEventLoop.advanceTime(by: .seconds(8))
        #expect(channel.isActive)
        channel.embeddedEventLoop.advanceTime(by: .seconds(3))
        #expect(!channel.isActive)
        #expect(throws: KMIPServerError(code: .readTimeout, reason: "")) { try channel.throwIfErrorCaught() }
    }

    @Test func bytesThatAreNotKMIPAfterAWholeRequestStillReachTheLoopFirst() throws {
        let channel = try makeChannel()
        var bytes = request()
        bytes.writeString("GET / HTTP/1.1\r\n")
        #expect(throws: KMIPServerError(code: .notKMIP, reason: "")) { try channel.writeInbound(bytes) }
        #expect(try channel.readInbound(as: KMIPInboundFrame.self) == .request(request()))
        #expect(try channel.readInbound(as: KMIPInboundFrame.self) == nil)
        #expect(!channel.isActive)
    }

    @Test func requestsArrivingWhileDrainingAreDroppedAndTheConnectionClosesAfterTheLastAnswer() throws {
        let channel = try makeChannel()
        try channel.writeInbound(request())
        try channel.writeInbound(request(.v1_1))
        #expect(try channel.readInbound(as: KMIPInboundFrame.self) == .request(request()))
        #expect(try channel.readInbound(as: KMIPInboundFrame.self) == .request(request(.v1_1)))
        channel.pipeline.fireUserInboundEventTriggered(ChannelShouldQuiesceEvent())
        try channel.writeInbound(request(.v1_2))
        #expect(try channel.readInbound(as: KMIPInboundFrame.self) == nil)
        try channel.writeOutbound(ByteBuffer(string: "first"))
        #expect(channel.isActive)
        // No timer runs while draining: the grace period of the server bounds it instead.
        channel.embeddedEventLoop.advanceTime(by: .seconds(120))
        #expect(channel.isActive)
        try channel.writeOutbound(ByteBuffer(string: "second"))
        #expect(!channel.isActive)
    }

    @Test func aTimeoutNamesWhereItWasRaised() throws {
        let channel = try makeChannel()
        channel.embeddedEventLoop.advanceTime(by: .seconds(61))
        do {
            try channel.throwIfErrorCaught()
            Issue.record("expected the idle timeout")
        } catch let error as KMIPServerError {
            #expect(error.code == .idleTimeout)
            #expect(error.location.hasPrefix("KMIPServer/KMIPConnectionHandler.swift:"))
            #expect(String(reflecting: error).contains(error.location))
        }
    }
}
