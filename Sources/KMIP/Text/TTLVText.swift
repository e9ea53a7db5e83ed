import Foundation
import TTLV

/// The readable text form of TTLV that `kmipgw ttlv decode` prints and `kmipgw ttlv encode` reads.
///
/// One item per line: indentation (two spaces per level), the tag's name (or `0x54AB01` for an
/// unknown tag), the item type, then the value:
///
/// ```
/// RequestMessage Structure
///   RequestHeader Structure
///     ProtocolVersion Structure
///       ProtocolVersionMajor Integer 1
///       ProtocolVersionMinor Integer 4
///     BatchCount Integer 1
///   BatchItem Structure
///     Operation Enumeration Get
///     RequestPayload Structure
///       UniqueIdentifier TextString "1f165d65-cbbd-4bd6-9867-80e0b390acf9"
/// ```
///
/// Enumerations print by name (names depend on the tag, or for an Attribute Value on its
/// Attribute Name); usage masks print as a number followed by a `# Encrypt|Decrypt` comment;
/// Text Strings are quoted with JSON escapes; Byte and Big Integer values are hexadecimal;
/// Date-Times are ISO 8601 in UTC. `#` starts a comment; the parser accepts names or
/// `0x…` numbers wherever the printer writes names.
public enum TTLVText {
    /// The text form of `item`.
    public static func format(_ item: TTLVItem) -> String {
        var output = ""
        write(item, depth: 0, attributeName: nil, into: &output)
        return output
    }

    /// Parses the text form back into an item; errors carry the line number as their offset.
    public static func parse(_ text: String) throws -> TTLVItem {
        var parser = TTLVTextParser(text: text)
        return try parser.parseDocument()
    }

    static let maskTags: [Tag: [(Int32, String)]] = [
        .cryptographicUsageMask: CryptographicUsageMask.names,
        .storageStatusMask: StorageStatusMask.names,
    ]

    static func maskNames(for tag: Tag, attributeName: String?) -> [(Int32, String)]? {
        if tag == .attributeValue, let attributeName, let attributeTag = KMIPRegistry.tag(named: attributeName) {
            return maskTags[attributeTag]
        }
        return maskTags[tag]
    }

    private static func write(_ item: TTLVItem, depth: Int, attributeName: String?, into output: inout String) {
        output += String(repeating: "  ", count: depth)
        output += KMIPRegistry.name(of: item.tag) ?? item.tag.description
        output += " " + item.itemType.name
        switch item.value {
        case .structure(let children):
            output += "\n"
            // An Attribute's value is named by its sibling Attribute Name.
            var name: String? = nil
            if item.tag == .attribute, case .textString(let text)? = item.child(.attributeName)?.value {
                name = text
            }
            for child in children {
                write(child, depth: depth + 1, attributeName: name, into: &output)
            }
            return
        case .integer(let value):
            output += " \(value)"
            if let names = maskNames(for: item.tag, attributeName: attributeName) {
                let set = names.filter { value & $0.0 != 0 }.map(\.1)
                let known = names.reduce(Int32(0)) { $0 | $1.0 }
                var parts = set
                if value & ~known != 0 { parts.append("0x" + String(UInt32(bitPattern: value & ~known), radix: 16)) }
                if !parts.isEmpty { output += "  # " + parts.joined(separator: "|") }
            }
        case .longInteger(let value):
            output += " \(value)"
        case .bigInteger(let bytes):
            output += " 0x" + hexString(bytes)
        case .enumeration(let value):
            let name: String?
            if item.tag == .attributeValue, let attributeName {
                name = KMIPRegistry.enumerationName(value, ofAttribute: attributeName)
            } else {
                name = KMIPRegistry.enumerationName(value, of: item.tag)
            }
            output += " " + (name ?? hex8(value))
        case .boolean(let value):
            output += value ? " true" : " false"
        case .textString(let text):
            output += " " + jsonStringLiteral(text)
        case .byteString(let bytes):
            output += bytes.isEmpty ? " \"\"" : " " + hexString(bytes)
        case .dateTime(let seconds):
            output += " " + iso8601(seconds)
        case .interval(let value):
            output += " \(value)"
        }
        output += "\n"
    }

    static func hexString(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// `text` as a JSON string literal, quotes included: the form Text Strings take here, and
    /// what the audit log writes.
    public static func jsonStringLiteral(_ text: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count + 2)
        appendJSONStringLiteral(text, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends ``jsonStringLiteral(_:)`` as UTF-8 to `out`. Works on bytes: every character that
    /// needs an escape is ASCII, and UTF-8 never uses ASCII bytes inside a multi-byte sequence.
    public static func appendJSONStringLiteral(_ text: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        // Audit lines are mostly plain ASCII names and hex: copy those in one go.
        if !text.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") || $0 == 0x7F }) {
            out.append(contentsOf: text.utf8)
            out.append(UInt8(ascii: "\""))
            return
        }
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
            case UInt8(ascii: "\\"): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
            case UInt8(ascii: "\n"): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
            case UInt8(ascii: "\r"): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
            case UInt8(ascii: "\t"): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
            case 0..<0x20, 0x7F:
                let digits = Array("0123456789abcdef".utf8)
                out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0")])
                out.append(digits[Int(byte >> 4)])
                out.append(digits[Int(byte & 0x0F)])
            default:
                out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }

    /// ISO 8601 for 1970 through 9999; other instants print as seconds, which parse back exactly.
    static func iso8601(_ seconds: Int64) -> String {
        guard (0...253_402_300_799).contains(seconds) else { return String(seconds) }
        return ISO8601Seconds.format(seconds)
    }
}
