import Foundation
import TTLV

/// Reads the text form of ``TTLVText``. Line-oriented: indentation gives nesting.
struct TTLVTextParser {
    private struct Line {
        let number: Int
        let depth: Int
        let tag: Tag
        let type: ItemType
        let value: String
    }

    private var lines: [Line] = []
    private let text: String

    init(text: String) {
        self.text = text
    }

    mutating func parseDocument() throws -> TTLVItem {
        lines = try tokenize()
        guard let first = lines.first else { throw Self.error(0, "no item found") }
        guard first.depth == 0 else { throw Self.error(first.number, "the first item must not be indented") }
        var index = 0
        let item = try parseItem(&index, attributeName: nil)
        if index < lines.count {
            throw Self.error(lines[index].number, "only one top-level item is allowed")
        }
        return item
    }

    private func parseItem(_ index: inout Int, attributeName: String?) throws -> TTLVItem {
        let line = lines[index]
        index += 1
        guard line.type == .structure else {
            return TTLVItem(line.tag, try value(of: line, attributeName: attributeName))
        }
        guard line.value.isEmpty else { throw Self.error(line.number, "a Structure takes no value on its line") }
        var children: [TTLVItem] = []
        var name: String? = nil
        while index < lines.count, lines[index].depth > line.depth {
            guard lines[index].depth == line.depth + 1 else {
                throw Self.error(lines[index].number, "indented more than one level below its structure")
            }
            let child = try parseItem(&index, attributeName: name)
            if line.tag == .attribute, child.tag == .attributeName, case .textString(let text) = child.value {
                name = text
            }
            children.append(child)
        }
        return .structure(line.tag, children)
    }

    private func value(of line: Line, attributeName: String?) throws -> TTLVValue {
        let text = line.value
        let number = line.number
        func integer<T: FixedWidthInteger>(_ type: T.Type) throws -> T {
            if let hex = text.hexadecimalDigits, let value = T(hex, radix: 16) { return value }
            guard let value = T(text) else { throw Self.error(number, "\(line.type.name) value '\(text)' is not a number") }
            return value
        }
        switch line.type {
        case .structure:
            return .structure([])
        case .integer:
            if let names = TTLVText.maskNames(for: line.tag, attributeName: attributeName), Int32(text) == nil,
                text.hexadecimalDigits == nil
            {
                var mask: Int32 = 0
                for part in text.split(whereSeparator: { $0 == "|" || $0 == " " }) {
                    guard let bit = names.first(where: { normalizedKMIPName($0.1) == normalizedKMIPName(String(part)) }) else {
                        throw Self.error(number, "'\(part)' is not a name of a bit of this mask")
                    }
                    mask |= bit.0
                }
                return .integer(mask)
            }
            if let hex = text.hexadecimalDigits, let value = UInt32(hex, radix: 16) {
                return .integer(Int32(bitPattern: value))
            }
            return .integer(try integer(Int32.self))
        case .longInteger:
            return .longInteger(try integer(Int64.self))
        case .interval:
            return .interval(try integer(UInt32.self))
        case .bigInteger:
            guard let hex = text.hexadecimalDigits, let bytes = Self.bytes(fromHex: hex), !bytes.isEmpty, bytes.count % 8 == 0 else {
                throw Self.error(number, "BigInteger must be 0x followed by a multiple of 16 hexadecimal digits")
            }
            return .bigInteger(bytes)
        case .enumeration:
            let value: UInt32?
            if line.tag == .attributeValue, let attributeName {
                value = parseHexadecimal(text) ?? KMIPRegistry.enumerationValue(named: text, ofAttribute: attributeName)
            } else {
                value = KMIPRegistry.enumerationValue(named: text, of: line.tag)
            }
            guard let value else {
                throw Self.error(number, "'\(text)' is not a known value of \(KMIPRegistry.displayName(of: line.tag)); write 0x0000000A for an unnamed value")
            }
            return .enumeration(value)
        case .boolean:
            switch text.lowercased() {
            case "true", "1": return .boolean(true)
            case "false", "0": return .boolean(false)
            default: throw Self.error(number, "Boolean value must be true or false, not '\(text)'")
            }
        case .textString:
            return .textString(try Self.unquote(text, line: number))
        case .byteString:
            if text.isEmpty || text == "\"\"" { return .byteString([]) }
            let hex = text.hexadecimalDigits ?? text
            guard let bytes = Self.bytes(fromHex: hex) else {
                throw Self.error(number, "ByteString value must be hexadecimal digits, two per byte")
            }
            return .byteString(bytes)
        case .dateTime:
            if let seconds = Int64(text) { return .dateTime(seconds) }
            guard let date = try? Date(text, strategy: .iso8601) else {
                throw Self.error(number, "DateTime must be ISO 8601 (2026-01-31T12:00:00Z) or seconds since 1970, not '\(text)'")
            }
            return .dateTime(Int64(date.timeIntervalSince1970.rounded(.down)))
        }
    }

    // Works on Unicode scalars, not Characters: a Text String may start with a combining mark,
    // which would otherwise fuse with the separating space or quote into one Character.
    private func tokenize() throws -> [Line] {
        var result: [Line] = []
        for (offset, raw) in text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let number = offset + 1
            var line = raw
            if line.last == "\r" { line = line.dropLast() }
            let content = Self.stripComment(line)
            guard content.contains(where: { $0 != " " && $0 != "\t" }) else { continue }
            let indent = content.prefix { $0 == " " }.count
            var rest = content.dropFirst(indent)
            guard rest.first != "\t" else { throw Self.error(number, "indent with spaces, not tabs") }
            guard indent % 2 == 0 else { throw Self.error(number, "indentation must be a multiple of two spaces") }
            let tagName = String(String.UnicodeScalarView(rest.prefix { $0 != " " }))
            rest = rest.dropFirst(tagName.unicodeScalars.count).drop { $0 == " " }
            let typeName = String(String.UnicodeScalarView(rest.prefix { $0 != " " }))
            rest = rest.dropFirst(typeName.unicodeScalars.count).drop { $0 == " " }
            guard !typeName.isEmpty else { throw Self.error(number, "expected 'TagName Type [value]'") }
            while rest.last == " " || rest.last == "\t" { rest = rest.dropLast() }
            guard let tag = KMIPRegistry.tag(named: tagName) else {
                throw Self.error(number, "unknown tag name '\(tagName)'; write an unknown tag as 0x540001")
            }
            guard let type = ItemType(name: typeName) else {
                throw Self.error(number, "unknown item type '\(typeName)'")
            }
            let value = String(String.UnicodeScalarView(rest))
            result.append(Line(number: number, depth: indent / 2, tag: tag, type: type, value: value))
        }
        return result
    }

    /// Drops a `#` comment that is not inside a quoted string.
    private static func stripComment(_ line: Substring.UnicodeScalarView) -> Substring.UnicodeScalarView {
        var inQuotes = false
        var escaped = false
        for index in line.indices {
            let scalar = line[index]
            if escaped { escaped = false; continue }
            if scalar == "\\" && inQuotes { escaped = true; continue }
            if scalar == "\"" { inQuotes.toggle() }
            if scalar == "#" && !inQuotes { return line[..<index] }
        }
        return line
    }

    static func unquote(_ text: String, line: Int) throws -> String {
        let scalars = text.unicodeScalars
        guard scalars.count >= 2, scalars.first == "\"", scalars.last == "\"" else {
            throw error(line, "TextString value must be in double quotes")
        }
        var out = String.UnicodeScalarView()
        var remaining = scalars.dropFirst().dropLast()[...]
        while let scalar = remaining.popFirst() {
            guard scalar == "\\" else {
                if scalar == "\"" { throw error(line, "unescaped quote inside a TextString") }
                out.append(scalar)
                continue
            }
            guard let escape = remaining.popFirst() else { throw error(line, "a TextString ends with a lone backslash") }
            switch escape {
            case "n": out.append("\n")
            case "r": out.append("\r")
            case "t": out.append("\t")
            case "\"": out.append("\"")
            case "\\": out.append("\\")
            case "/": out.append("/")
            case "u":
                let digits = String(String.UnicodeScalarView(remaining.prefix(4)))
                remaining = remaining.dropFirst(4)
                guard digits.count == 4, let value = UInt32(digits, radix: 16), let decoded = Unicode.Scalar(value) else {
                    throw error(line, "\\u must be followed by four hexadecimal digits of a Unicode scalar")
                }
                out.append(decoded)
            default:
                throw error(line, "unknown escape \\\(escape) in a TextString")
            }
        }
        return String(out)
    }

    static func bytes(fromHex hex: String) -> [UInt8]? {
        let digits = Array(hex.utf8)
        guard digits.count % 2 == 0 else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(digits.count / 2)
        var index = 0
        while index < digits.count {
            guard let high = hexValue(digits[index]), let low = hexValue(digits[index + 1]) else { return nil }
            bytes.append(high << 4 | low)
            index += 2
        }
        return bytes
    }

    private static func hexValue(_ digit: UInt8) -> UInt8? {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): digit - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    static func error(_ line: Int, _ reason: String) -> TTLVError {
        TTLVError(code: .invalidText, offset: line, reason: "line \(line): " + reason)
    }
}

extension String {
    /// The digits after a `0x` prefix, or `nil` without one.
    var hexadecimalDigits: String? {
        guard hasPrefix("0x") || hasPrefix("0X") else { return nil }
        return String(dropFirst(2))
    }
}

extension TTLVText {
    /// Bytes from hexadecimal text, ignoring whitespace, an optional `0x` prefix and `:` separators.
    public static func bytes(fromHex text: String) -> [UInt8]? {
        var compact = String(text.filter { !$0.isWhitespace && $0 != ":" })
        if let digits = compact.hexadecimalDigits { compact = digits }
        return TTLVTextParser.bytes(fromHex: compact)
    }

    /// Lower-case hexadecimal digits of `bytes`.
    public static func hex(_ bytes: [UInt8]) -> String {
        hexString(bytes)
    }
}
