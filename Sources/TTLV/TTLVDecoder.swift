import NIOCore

/// Decodes TTLV bytes into a tree of ``TTLVItem`` values, strictly.
///
/// Every length is checked against the bytes actually present before anything is read or
/// allocated, so a length field claiming 2 GiB costs nothing; padding must be zero; Text Strings
/// must be UTF-8; Booleans must be 0 or 1; nesting is bounded. A decoded item therefore encodes
/// back to exactly the bytes it came from. Decoding never traps: every failure is a ``TTLVError``.
public struct TTLVDecoder: Sendable {
    /// The default largest message accepted: 1 MiB, as most KMIP servers use.
    public static let defaultMaximumMessageSize = 1 << 20
    /// The default deepest structure nesting accepted. KMIP 1.x messages need about 8.
    public static let defaultMaximumDepth = 32

    /// The largest message, header included, that ``decode(_:)`` accepts.
    public var maximumMessageSize: Int
    /// The deepest nesting of structures accepted; the top-level item is depth 1.
    public var maximumDepth: Int

    public init(
        maximumMessageSize: Int = TTLVDecoder.defaultMaximumMessageSize,
        maximumDepth: Int = TTLVDecoder.defaultMaximumDepth
    ) {
        self.maximumMessageSize = maximumMessageSize
        self.maximumDepth = maximumDepth
    }

    /// Decodes exactly one item that spans all readable bytes of `buffer`.
    public func decode(_ buffer: ByteBuffer) throws(TTLVError) -> TTLVItem {
        let result: Result<TTLVItem, TTLVError> = buffer.withUnsafeReadableBytes { bytes in
            Result { () throws(TTLVError) -> TTLVItem in try decode(bytes: bytes) }
        }
        return try result.get()
    }

    /// Decodes exactly one item that spans all of `bytes`.
    public func decode(_ bytes: some Collection<UInt8>) throws(TTLVError) -> TTLVItem {
        let array = Array(bytes)
        let result: Result<TTLVItem, TTLVError> = array.withUnsafeBytes { raw in
            Result { () throws(TTLVError) -> TTLVItem in try decode(bytes: raw) }
        }
        return try result.get()
    }

    func decode(bytes: UnsafeRawBufferPointer) throws(TTLVError) -> TTLVItem {
        guard bytes.count <= maximumMessageSize else {
            throw TTLVError(
                code: .messageTooLarge, offset: 0,
                reason: "message of \(bytes.count) bytes exceeds the maximum of \(maximumMessageSize)"
            )
        }
        let (item, end) = try readItem(bytes, at: 0, limit: bytes.count, depth: 1)
        guard end == bytes.count else {
            throw TTLVError(
                code: .trailingBytes, offset: end,
                reason: "\(bytes.count - end) bytes follow the top-level item"
            )
        }
        return item
    }

    private func readItem(
        _ bytes: UnsafeRawBufferPointer, at offset: Int, limit: Int, depth: Int
    ) throws(TTLVError) -> (TTLVItem, Int) {
        guard limit - offset >= 8 else {
            throw TTLVError(
                code: .truncated, offset: offset,
                reason: "an item header needs 8 bytes, \(limit - offset) remain"
            )
        }
        let header = TTLVHeader(bytes, at: offset)
        let tag = header.tag
        guard let type = ItemType(rawValue: header.typeByte) else {
            throw TTLVError(
                code: .unknownItemType, offset: offset, tag: tag,
                reason: "item type 0x\(String(header.typeByte, radix: 16)) is not a KMIP 1.x type"
            )
        }
        let length = Int(header.length)
        if let fixed = type.fixedLength, length != fixed {
            throw TTLVError(
                code: .invalidLength, offset: offset, tag: tag,
                reason: "\(type.name) must have length \(fixed), not \(length)"
            )
        }
        if type == .bigInteger, length == 0 || length % 8 != 0 {
            throw TTLVError(
                code: .invalidLength, offset: offset, tag: tag,
                reason: "BigInteger length \(length) is not a positive multiple of 8"
            )
        }
        if type == .structure, length % 8 != 0 {
            throw TTLVError(
                code: .invalidLength, offset: offset, tag: tag,
                reason: "Structure length \(length) is not a multiple of 8"
            )
        }
        let valueStart = offset + 8
        let padded = (length + 7) & ~7
        guard padded <= limit - valueStart else {
            throw TTLVError(
                code: .lengthPastEnd, offset: offset, tag: tag,
                reason: "\(type.name) of length \(length) runs past the end (\(limit - valueStart) bytes remain)"
            )
        }
        var index = valueStart + length
        while index < valueStart + padded {
            guard bytes[index] == 0 else {
                throw TTLVError(
                    code: .nonZeroPadding, offset: offset, tag: tag,
                    reason: "padding byte at \(index) is 0x\(String(bytes[index], radix: 16)), not zero"
                )
            }
            index += 1
        }
        let next = valueStart + padded
        let value: TTLVValue
        switch type {
        case .structure:
            guard depth < maximumDepth else {
                throw TTLVError(
                    code: .nestingTooDeep, offset: offset, tag: tag,
                    reason: "structures nest deeper than \(maximumDepth)"
                )
            }
            var children: [TTLVItem] = []
            var position = valueStart
            let end = valueStart + length
            while position < end {
                let (child, after) = try readItem(bytes, at: position, limit: end, depth: depth + 1)
                children.append(child)
                position = after
            }
            value = .structure(children)
        case .integer:
            value = .integer(Int32(bitPattern: bytes.bigEndianUInt32(at: valueStart)))
        case .enumeration:
            value = .enumeration(bytes.bigEndianUInt32(at: valueStart))
        case .interval:
            value = .interval(bytes.bigEndianUInt32(at: valueStart))
        case .longInteger:
            value = .longInteger(Int64(bitPattern: bytes.bigEndianUInt64(at: valueStart)))
        case .dateTime:
            value = .dateTime(Int64(bitPattern: bytes.bigEndianUInt64(at: valueStart)))
        case .boolean:
            switch bytes.bigEndianUInt64(at: valueStart) {
            case 0: value = .boolean(false)
            case 1: value = .boolean(true)
            case let other:
                throw TTLVError(
                    code: .invalidBoolean, offset: offset, tag: tag,
                    reason: "Boolean value 0x\(String(other, radix: 16)) is neither 0 nor 1"
                )
            }
        case .bigInteger:
            value = .bigInteger(Array(bytes[valueStart..<(valueStart + length)]))
        case .byteString:
            value = .byteString(Array(bytes[valueStart..<(valueStart + length)]))
        case .textString:
            let slice = UnsafeRawBufferPointer(rebasing: bytes[valueStart..<(valueStart + length)])
            guard let string = Self.validatedUTF8(slice) else {
                throw TTLVError(
                    code: .invalidUTF8, offset: offset, tag: tag,
                    reason: "Text String of \(length) bytes is not valid UTF-8"
                )
            }
            value = .textString(string)
        }
        return (TTLVItem(tag, value), next)
    }
}

extension TTLVDecoder {
    /// The text, or `nil` if the bytes are not UTF-8. ASCII, by far the common case, skips the
    /// generic validating initialiser; anything else is decoded with repair and accepted only if
    /// the repair changed nothing.
    static func validatedUTF8(_ bytes: UnsafeRawBufferPointer) -> String? {
        if isASCII(bytes) {
            return String(decoding: bytes, as: UTF8.self)
        }
        let string = String(decoding: bytes, as: UTF8.self)
        return string.utf8.elementsEqual(bytes) ? string : nil
    }
}

extension TTLVDecoder {
    /// Eight bytes at a time: identifiers and attribute names are short ASCII strings.
    static func isASCII(_ bytes: UnsafeRawBufferPointer) -> Bool {
        var index = 0
        while index + 8 <= bytes.count {
            if bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self) & 0x8080_8080_8080_8080 != 0 { return false }
            index += 8
        }
        while index < bytes.count {
            if bytes[index] >= 0x80 { return false }
            index += 1
        }
        return true
    }
}

extension UnsafeRawBufferPointer {
    // Callers have checked the bounds; these read big-endian integers at unaligned offsets.
    func bigEndianUInt32(at offset: Int) -> UInt32 {
        UInt32(bigEndian: loadUnaligned(fromByteOffset: offset, as: UInt32.self))
    }

    func bigEndianUInt64(at offset: Int) -> UInt64 {
        UInt64(bigEndian: loadUnaligned(fromByteOffset: offset, as: UInt64.self))
    }
}
