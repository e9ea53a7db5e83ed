import ArgumentParser
import Foundation
import KMIP
import NIOCore
import Reconciler
import TTLV

/// `kmipgw bench codec`: what the KMIP codec costs per message, so that it never limits the server.
///
/// Measures (1) a Get round trip as the server performs it — decode the request frame into the
/// model and its payload, build the response with a 256-bit key, encode it — and (2) encoding and
/// decoding a Locate response of 100 identifiers. Build with `-c release`.
struct BenchCodec: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "codec",
        abstract: "Time the TTLV/KMIP codec: a Get request/response round trip and a 100-item Locate response."
    )

    @Option(help: "Iterations per measurement.")
    var iterations = 200_000

    @Option(help: "Measurements per case; the median is reported.")
    var runs = 5

    @Option(name: .shortAndLong, help: "Output format: text or json.")
    var output: OutputFormat = .text

    enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    struct Result: Encodable {
        let name: String
        let nanosecondsPerOperation: Double
        let bytes: Int
    }

    func run() throws {
        let getRequest = RequestMessage(version: .v1_4, payloads: [GetRequest(uniqueIdentifier: "7f1c3e2a-9b4d-4c6e-8a1f-2d3b5c7e9f01")]).encoded()
        let key = SymmetricKeyObject(raw: Array(repeating: 0x5A, count: 32), algorithm: .aes)
        let now = Date()
        let decoder = TTLVDecoder()
        let allocator = ByteBufferAllocator()

        var results: [Result] = []
        results.append(measure("Get round trip (decode request, encode response)", bytes: getRequest.readableBytes) {
            let message = try RequestMessage(bytes: getRequest, decoder: decoder)
            let get = try message.batchItems[0].payload(as: GetRequest.self)
            let response = ResponseMessage(
                header: ResponseHeader(protocolVersion: message.header.protocolVersion, timeStamp: now, batchCount: 1),
                batchItems: [.success(GetResponse(objectType: .symmetricKey, uniqueIdentifier: get.uniqueIdentifier ?? "", object: .symmetricKey(key)), version: message.header.protocolVersion)]
            )
            var buffer = allocator.buffer(capacity: 256)
            buffer.writeTTLV(response.ttlv(version: message.header.protocolVersion))
            precondition(buffer.readableBytes > 100)
        })
        results.append(measure("  decode Get request only", bytes: getRequest.readableBytes) {
            let message = try RequestMessage(bytes: getRequest, decoder: decoder)
            _ = try message.batchItems[0].payload(as: GetRequest.self)
        })

        let identifiers = (0..<100).map { String(format: "%08x-0000-4000-8000-%012x", $0, $0) }
        let locate = ResponseMessage(
            header: ResponseHeader(protocolVersion: .v1_4, timeStamp: now, batchCount: 1),
            batchItems: [.success(LocateResponse(locatedItems: 100, uniqueIdentifiers: identifiers), version: .v1_4)]
        )
        let locateBytes = locate.encoded()
        results.append(measure("Locate response, 100 identifiers: encode", bytes: locateBytes.readableBytes) {
            var buffer = allocator.buffer(capacity: 6_000)
            buffer.writeTTLV(locate.ttlv(version: .v1_4))
        })
        results.append(measure("Locate response, 100 identifiers: decode", bytes: locateBytes.readableBytes) {
            _ = try ResponseMessage(bytes: locateBytes, decoder: decoder)
        })

        switch output {
        case .json:
            print(try JSONOutput.document(results), terminator: "")
        case .text:
            print("kmipgw bench codec: \(iterations) iterations × \(runs) runs, median")
            for result in results {
                let padded = result.name.padding(toLength: 52, withPad: " ", startingAt: 0)
                print("\(padded) \(String(format: "%8.2f", result.nanosecondsPerOperation / 1000)) µs/op  (\(result.bytes) bytes)")
            }
        }
    }

    private func measure(_ name: String, bytes: Int, _ body: () throws -> Void) -> Result {
        let clock = ContinuousClock()
        var samples: [Double] = []
        for run in 0...runs {
            let elapsed = clock.measure {
                for _ in 0..<iterations {
                    try! body()
                }
            }
            // The first run warms caches and allocator pools; it is not reported.
            if run > 0 {
                samples.append(Double(elapsed.components.seconds) * 1e9 + Double(elapsed.components.attoseconds) / 1e9)
            }
        }
        samples.sort()
        return Result(name: name, nanosecondsPerOperation: samples[samples.count / 2] / Double(iterations), bytes: bytes)
    }
}
