import KMIP
import TTLV

/// libFuzzer's entry point, called for every input.
///
/// Decoding must never trap, and anything that decodes must encode back to the very same
/// bytes and survive the readable text form; a violation traps, so libFuzzer keeps the input.
/// `scripts/fuzz` links this module with libFuzzer's own `main` (SwiftPM cannot: it gives every
/// executable its own entry point).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTTLV(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let start else { return 0 }
    let bytes = [UInt8](UnsafeBufferPointer(start: start, count: count))
    guard let item = try? TTLVDecoder(maximumMessageSize: 1 << 16).decode(bytes) else { return 0 }
    precondition(item.encodedBytes == bytes, "a decoded item re-encoded to different bytes")
    precondition((try? TTLVText.parse(TTLVText.format(item))) == item, "the text form lost information")
    if let request = try? RequestMessage(ttlv: item) {
        for batchItem in request.batchItems {
            FuzzedPayloads.decode(batchItem.payloadItem, as: FuzzedPayloads.requests, version: request.header.protocolVersion)
        }
        _ = request.ttlv(version: request.header.protocolVersion).encodedBytes
    }
    if let response = try? ResponseMessage(ttlv: item) {
        for payload in response.batchItems.compactMap(\.payloadItem) {
            FuzzedPayloads.decode(payload, as: FuzzedPayloads.responses, version: response.header.protocolVersion)
        }
        _ = response.ttlv(version: response.header.protocolVersion).encodedBytes
    }
    return 0
}
