import Foundation
import KMIP
import NIOCore
import TTLV

/// The KMIP answer for a message the server refuses before decoding it: one failed batch item,
/// Result Reason Invalid Message.
enum InvalidMessageResponse {
    /// The response, encoded for `version`.
    static func encoded(version: ProtocolVersion, message: String) -> ByteBuffer {
        ResponseMessage(
            header: ResponseHeader(protocolVersion: version, timeStamp: Date(), batchCount: 1),
            batchItems: [.failure(.invalidMessage, message, operation: nil)]
        ).encoded()
    }

    /// The Protocol Version at the start of a Request Message whose body is not (yet) buffered,
    /// so even a refusal speaks the client's version: every request starts with Request Message,
    /// Request Header, Protocol Version, Major, Minor, at fixed offsets.
    static func peekVersion(in buffer: ByteBuffer) -> ProtocolVersion? {
        let start = buffer.readerIndex
        func header(at offset: Int) -> (tag: UInt32, type: UInt8)? {
            guard let word = buffer.getInteger(at: start + offset, as: UInt32.self) else { return nil }
            return (word >> 8, UInt8(truncatingIfNeeded: word))
        }
        guard
            header(at: 8)?.tag == Tag.requestHeader.rawValue, header(at: 16)?.tag == Tag.protocolVersion.rawValue,
            let major = header(at: 24), major.tag == Tag.protocolVersionMajor.rawValue, major.type == ItemType.integer.rawValue,
            let minor = header(at: 40), minor.tag == Tag.protocolVersionMinor.rawValue, minor.type == ItemType.integer.rawValue,
            let majorValue = buffer.getInteger(at: start + 32, as: Int32.self),
            let minorValue = buffer.getInteger(at: start + 48, as: Int32.self)
        else { return nil }
        return ProtocolVersion(major: majorValue, minor: minorValue)
    }
}
