import NIOCore

/// The 8-byte header that starts every TTLV item: tag (3 bytes), type (1), length (4).
///
/// Reading the header alone is enough to frame a message and, for a server, to answer a message
/// whose body is broken with a proper KMIP error.
public struct TTLVHeader: Hashable, Sendable {
    public static let size = 8

    public let tag: Tag
    /// The raw type byte; ``itemType`` is `nil` when it is not a KMIP 1.x type.
    public let typeByte: UInt8
    /// The length field: the value's length before padding.
    public let length: UInt32

    public var itemType: ItemType? { ItemType(rawValue: typeByte) }

    /// The item's length on the wire with header and padding.
    public var paddedItemLength: Int {
        TTLVHeader.size + ((Int(length) + 7) & ~7)
    }

    public init(tag: Tag, typeByte: UInt8, length: UInt32) {
        self.tag = tag
        self.typeByte = typeByte
        self.length = length
    }

    init(_ bytes: UnsafeRawBufferPointer, at offset: Int) {
        let tagValue = UInt32(bytes[offset]) << 16 | UInt32(bytes[offset + 1]) << 8 | UInt32(bytes[offset + 2])
        self.tag = Tag(tagValue)
        self.typeByte = bytes[offset + 3]
        self.length = bytes.bigEndianUInt32(at: offset + 4)
    }

    /// Reads a header at the reader index of `buffer` without moving it, or `nil` if fewer than 8
    /// bytes are readable.
    public init?(peekingAt buffer: ByteBuffer) {
        guard
            let word = buffer.getInteger(at: buffer.readerIndex, as: UInt32.self),
            let length = buffer.getInteger(at: buffer.readerIndex + 4, as: UInt32.self)
        else { return nil }
        self.init(tag: Tag(word >> 8), typeByte: UInt8(truncatingIfNeeded: word), length: length)
    }
}
