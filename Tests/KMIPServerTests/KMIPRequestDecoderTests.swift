import Foundation
import KMIP
import NIOCore
import NIOEmbedded
import TTLV
import Testing

@testable import KMIPServer

/// The request decoder on bytes alone: what it yields for every way the stream may arrive.
@Suite struct KMIPRequestDecoderTests {
    func request(_ version: ProtocolVersion = .v1_4) -> ByteBuffer {
        RequestMessage(version: version, payloads: [DiscoverVersionsRequest()]).encoded()
    }

    /// Feeds `chunks` in order, as reads of a connection, collecting every part yielded.
    func decode(_ chunks: [ByteBuffer], maximumMessageSize: Int = 1024) throws -> [KMIPRequestPart] {
        var decoder = KMIPRequestDecoder(maximumMessageSize: maximumMessageSize)
        var buffer = ByteBuffer()
        var parts: [KMIPRequestPart] = []
        for var chunk in chunks {
            buffer.writeBuffer(&chunk)
            while let part = try decoder.decode(buffer: &buffer) { parts.append(part) }
        }
        return parts
    }

    @Test func aWholeRequestIsOnePart() throws {
        #expect(try decode([request()]) == [.request(request())])
    }

    @Test func twoRequestsInOneReadAreTwoParts() throws {
        var stream = request(.v1_1)
        stream.writeImmutableBuffer(request(.v1_3))
        #expect(try decode([stream]) == [.request(request(.v1_1)), .request(request(.v1_3))])
    }

    @Test func everySplitGivesTheSameRequestsAndOneBeginningPerIncompleteMessage() throws {
        var stream = request(.v1_1)
        stream.writeImmutableBuffer(request(.v1_3))
        let firstLength = request(.v1_1).readableBytes
        for cut in 1..<stream.readableBytes {
            let parts = try decode([
                stream.getSlice(at: stream.readerIndex, length: cut)!,
                stream.getSlice(at: stream.readerIndex + cut, length: stream.readableBytes - cut)!,
            ])
            // The cut leaves a message incomplete unless it falls exactly between the two.
            let begun: [KMIPRequestPart] = [.messageBegun]
            let expected = cut < firstLength
                ? begun + [.request(request(.v1_1)), .request(request(.v1_3))]
                : cut == firstLength
                    ? [.request(request(.v1_1)), .request(request(.v1_3))]
                    : [.request(request(.v1_1))] + begun + [.request(request(.v1_3))]
            #expect(parts == expected, "cut at \(cut)")
        }
        let byteByByte = try decode(stream.readableBytesView.map { ByteBuffer(bytes: [$0]) })
        #expect(byteByByte == [.messageBegun, .request(request(.v1_1)), .messageBegun, .request(request(.v1_3))])
    }

    @Test func anOversizedRequestIsReportedFromItsHeaderWithTheClientsVersion() throws {
        var bytes = request(.v1_2)
        bytes.setInteger(UInt32(4096), at: bytes.readerIndex + 4)
        var decoder = KMIPRequestDecoder(maximumMessageSize: 1024)
        var buffer = bytes.getSlice(at: bytes.readerIndex, length: 64)!
        #expect(try decoder.decode(buffer: &buffer) == .oversized(version: .v1_2, announcedLength: 4104))
        // Nothing more is yielded or kept: the body that follows is never buffered.
        #expect(buffer.readableBytes == 0)
        buffer.writeImmutableBuffer(request())
        #expect(try decoder.decode(buffer: &buffer) == nil)
        #expect(buffer.readableBytes == 0)
        #expect(decoder.state == .refused)
    }

    @Test func anOversizedHeaderWithoutAReadableVersionIsAnsweredInVersion1_0() throws {
        let header = ByteBuffer(bytes: [0x42, 0x00, 0x78, 0x01, 0x00, 0x10, 0x00, 0x00])
        #expect(try decode([header]) == [.oversized(version: .v1_0, announcedLength: 0x100008)])
    }

    @Test func anHTTPRequestInsideTheTLSStreamIsNotKMIP() throws {
        var decoder = KMIPRequestDecoder(maximumMessageSize: 1024)
        var buffer = ByteBuffer(string: "GET / HTTP/1.1\r\nHost: kmip\r\n\r\n")
        #expect(try decoder.decode(buffer: &buffer) == .notKMIP(tag: Tag(0x474554), typeByte: 0x20))
        #expect(buffer.readableBytes == 0)
        buffer.writeImmutableBuffer(request())
        #expect(try decoder.decode(buffer: &buffer) == nil)
    }

    @Test func firstBytesTooShortForAHeaderWaitThenAreJudged() throws {
        #expect(try decode([ByteBuffer(string: "GET"), ByteBuffer(string: " / HTTP/1.1\r\n")])
            == [.messageBegun, .notKMIP(tag: Tag(0x474554), typeByte: 0x20)])
    }

    @Test func aResponseMessageOrAnotherTypeIsNotARequest() throws {
        let response = ResponseMessage(
            header: ResponseHeader(protocolVersion: .v1_4, timeStamp: Date(timeIntervalSince1970: 0), batchCount: 0),
            batchItems: []
        ).encoded()
        #expect(try decode([response]) == [.notKMIP(tag: .responseMessage, typeByte: ItemType.structure.rawValue)])
        // The Request Message tag with a type other than Structure.
        #expect(try decode([ByteBuffer(bytes: [0x42, 0x00, 0x78, 0x02, 0, 0, 0, 4, 0, 0, 0, 1, 0, 0, 0, 0])])
            == [.notKMIP(tag: .requestMessage, typeByte: ItemType.integer.rawValue)])
    }

    @Test func aMessageCutByTheEndOfTheStreamIsDroppedNotAnnouncedAgain() throws {
        var decoder = KMIPRequestDecoder(maximumMessageSize: 1024)
        let whole = request()
        var buffer = whole.getSlice(at: whole.readerIndex, length: 20)!
        #expect(try decoder.decode(buffer: &buffer) == .messageBegun)
        #expect(try decoder.decodeLast(buffer: &buffer, seenEOF: true) == nil)
    }

    @Test func theServerPipelineYieldsRequestsFromAByteToMessageHandler() throws {
        // The decoder as the server runs it: wrapped in NIO's handler, which keeps the bytes.
        let channel = EmbeddedChannel(handler: ByteToMessageHandler(KMIPRequestDecoder(maximumMessageSize: 1024)))
        let whole = request()
        try channel.writeInbound(whole.getSlice(at: whole.readerIndex, length: 30)!)
        try channel.writeInbound(whole.getSlice(at: whole.readerIndex + 30, length: whole.readableBytes - 30)!)
        #expect(try channel.readInbound(as: KMIPRequestPart.self) == .messageBegun)
        #expect(try channel.readInbound(as: KMIPRequestPart.self) == .request(whole))
        #expect(try channel.readInbound(as: KMIPRequestPart.self) == nil)
        #expect(try channel.finish().isClean)
    }

    @Test func partsAndFramesFitInNIOAnyWithoutAnAllocation() {
        // NIOAny keeps a value of up to three words inline; a larger one would cost a heap box for
        // every request on both hops of the pipeline.
        #expect(MemoryLayout<KMIPRequestPart>.size <= 3 * MemoryLayout<Int>.size)
        #expect(MemoryLayout<KMIPInboundFrame>.size <= 3 * MemoryLayout<Int>.size)
    }
}
