import NIOCore

extension ByteBuffer {
    /// Appends `item` in TTLV encoding and returns the number of bytes written.
    ///
    /// The whole item is written in one pass into space reserved once: per-field ByteBuffer writes
    /// cost more than the encoding itself (measured with `kmipgw bench codec`, see docs/performance.md).
    @discardableResult
    public mutating func writeTTLV(_ item: TTLVItem) -> Int {
        writeTTLV(item, encodedLength: item.encodedLength)
    }

    /// Writes `item` whose ``TTLVItem/encodedLength`` the caller already has (it walks the tree).
    @discardableResult
    mutating func writeTTLV(_ item: TTLVItem, encodedLength length: Int) -> Int {
        writeWithUnsafeMutableBytes(minimumWritableBytes: length) { output in
            let end = TTLVWriter.write(item, into: output, at: 0)
            assert(end == length, "encodedLength disagrees with the bytes written")
            return end
        }
    }
}

/// Writes TTLV into memory the caller has sized with ``TTLVItem/encodedLength``.
enum TTLVWriter {
    /// Writes `item` at `offset` and returns the offset just past it (padding included).
    static func write(_ item: TTLVItem, into output: UnsafeMutableRawBufferPointer, at offset: Int) -> Int {
        output.storeBytes(of: (item.tag.rawValue << 8 | UInt32(item.itemType.rawValue)).bigEndian, toByteOffset: offset, as: UInt32.self)
        let valueStart = offset + 8
        let valueLength: Int
        switch item.value {
        case .structure(let children):
            var position = valueStart
            for child in children {
                position = write(child, into: output, at: position)
            }
            valueLength = position - valueStart
        case .integer(let value):
            output.storeBytes(of: UInt64(UInt32(bitPattern: value)) << 32, as: BigEndianUInt64.self, at: valueStart)
            valueLength = 4
        case .enumeration(let value), .interval(let value):
            output.storeBytes(of: UInt64(value) << 32, as: BigEndianUInt64.self, at: valueStart)
            valueLength = 4
        case .longInteger(let value), .dateTime(let value):
            output.storeBytes(of: UInt64(bitPattern: value), as: BigEndianUInt64.self, at: valueStart)
            valueLength = 8
        case .boolean(let value):
            output.storeBytes(of: value ? 1 : 0, as: BigEndianUInt64.self, at: valueStart)
            valueLength = 8
        case .bigInteger(let bytes), .byteString(let bytes):
            _ = bytes.withUnsafeBytes { copy($0, into: output, at: valueStart) }
            valueLength = bytes.count
        case .textString(var string):
            valueLength = string.withUTF8 { copy(UnsafeRawBufferPointer($0), into: output, at: valueStart) }
        }
        output.storeBytes(of: UInt32(truncatingIfNeeded: valueLength).bigEndian, toByteOffset: offset + 4, as: UInt32.self)
        let end = valueStart + ((valueLength + 7) & ~7)
        var padding = valueStart + valueLength
        while padding < end {
            output[padding] = 0
            padding += 1
        }
        return end
    }

    private static func copy(_ bytes: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer, at offset: Int) -> Int {
        if let source = bytes.baseAddress, bytes.count > 0 {
            (output.baseAddress! + offset).copyMemory(from: source, byteCount: bytes.count)
        }
        return bytes.count
    }
}

/// Marker for ``UnsafeMutableRawBufferPointer/storeBytes(of:as:at:)``: store big-endian.
enum BigEndianUInt64 {}

extension UnsafeMutableRawBufferPointer {
    fileprivate func storeBytes(of value: UInt64, as: BigEndianUInt64.Type, at offset: Int) {
        storeBytes(of: value.bigEndian, toByteOffset: offset, as: UInt64.self)
    }
}

extension TTLVItem {
    /// The item's TTLV encoding as a fresh buffer.
    public func encoded(allocator: ByteBufferAllocator = ByteBufferAllocator()) -> ByteBuffer {
        let length = encodedLength
        var buffer = allocator.buffer(capacity: length)
        buffer.writeTTLV(self, encodedLength: length)
        return buffer
    }

    /// The item's TTLV encoding as bytes.
    public var encodedBytes: [UInt8] {
        let length = encodedLength
        return [UInt8](unsafeUninitializedCapacity: length) { output, count in
            count = TTLVWriter.write(self, into: UnsafeMutableRawBufferPointer(output), at: 0)
        }
    }
}
