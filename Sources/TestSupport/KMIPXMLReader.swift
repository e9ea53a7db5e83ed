import Foundation
import KMIP
import TTLV

#if canImport(FoundationXML)
import FoundationXML
#endif

/// Reads the KMIP XML encoding used by the OASIS test cases into TTLV items.
///
/// Test-only: `$NOW` and `$NOW±N` become `now` (± seconds), `$UNIQUE_IDENTIFIER_n` and other
/// placeholders stay as text, so that the bytes built from a file are deterministic. A Byte String
/// placeholder (`$KEY_MATERIAL_n`: bytes the reference server chose) reads as ``placeholderBytes`` says.
public struct KMIPXMLReader {
    struct Element {
        var name: String
        var attributes: [String: String]
        var children: [Element]
    }

    public struct Failure: Error, CustomStringConvertible {
        public let description: String

        public init(description: String) {
            self.description = description
        }
    }

    /// What a Byte String placeholder such as `$KEY_MATERIAL_0` reads as.
    public enum PlaceholderBytes: Sendable {
        /// 32 zero bytes: a well-formed value, for decoding the messages.
        case zeros
        /// A Text String holding the placeholder's name, for a harness that binds it to the bytes a
        /// server returns (``OASISReplay``).
        case name
    }

    /// What `$NOW` stands for, in seconds since 1970; fixed by default so that bytes are reproducible.
    public var now: Int64
    public var placeholderBytes: PlaceholderBytes

    public init(now: Int64 = 1_500_000_000, placeholderBytes: PlaceholderBytes = .zeros) {
        self.now = now
        self.placeholderBytes = placeholderBytes
    }

    /// The messages (RequestMessage / ResponseMessage elements) of a test-case file, in order.
    public func messages(in data: Data) throws -> [TTLVItem] {
        let root = try Self.parse(data)
        return try root.children.map { try item(from: $0, attributeName: nil) }
    }

    static func parse(_ data: Data) throws -> Element {
        let parser = XMLParser(data: data)
        let builder = TreeBuilder()
        parser.delegate = builder
        guard parser.parse(), let root = builder.root else {
            throw Failure(description: "XML parse error: \(parser.parserError.map { "\($0)" } ?? "no root element")")
        }
        return root
    }

    func item(from element: Element, attributeName: String?) throws -> TTLVItem {
        let tag: Tag
        if let explicit = element.attributes["tag"], let value = KMIPRegistry.tag(named: explicit) {
            tag = value
        } else if let value = KMIPRegistry.tag(named: element.name) {
            tag = value
        } else {
            throw Failure(description: "unknown tag element <\(element.name)>")
        }
        guard let typeName = element.attributes["type"] else {
            var children: [TTLVItem] = []
            var name: String? = nil
            for child in element.children {
                let item = try item(from: child, attributeName: name)
                if tag == .attribute, item.tag == .attributeName, case .textString(let text) = item.value { name = text }
                children.append(item)
            }
            return .structure(tag, children)
        }
        guard let type = ItemType(name: typeName) else { throw Failure(description: "unknown type \(typeName)") }
        let text = element.attributes["value"] ?? ""
        return TTLVItem(tag, try value(text, type: type, tag: tag, attributeName: attributeName))
    }

    private func value(_ text: String, type: ItemType, tag: Tag, attributeName: String?) throws -> TTLVValue {
        func fail() -> Failure { Failure(description: "bad \(type.name) value '\(text)' for \(tag)") }
        switch type {
        case .structure:
            return .structure([])
        case .integer:
            if let value = Int32(text) { return .integer(value) }
            if text.hasPrefix("0x"), let value = UInt32(text.dropFirst(2), radix: 16) { return .integer(Int32(bitPattern: value)) }
            // Masks are written as bit names separated by spaces; ttlv text parsing knows them.
            let line = "\(KMIPRegistry.name(of: tag) ?? tag.description) Integer \(text.split(separator: " ").joined(separator: "|"))"
            if tag == .attributeValue, let attributeName {
                let wrapped = "Attribute Structure\n  AttributeName TextString \(Self.quote(attributeName))\n  \(line)\n"
                guard let item = try? TTLVText.parse(wrapped), let value = item.child(.attributeValue)?.value else { throw fail() }
                return value
            }
            guard let item = try? TTLVText.parse(line) else { throw fail() }
            return item.value
        case .longInteger:
            guard let value = Int64(text) else { throw fail() }
            return .longInteger(value)
        case .bigInteger:
            guard let bytes = TTLVText.bytes(fromHex: text) else { throw fail() }
            return .bigInteger(bytes)
        case .enumeration:
            let value: UInt32?
            if tag == .attributeValue, let attributeName {
                value = KMIPRegistry.enumerationValue(named: text, ofAttribute: attributeName)
            } else {
                value = KMIPRegistry.enumerationValue(named: text, of: tag)
            }
            guard let value else { throw fail() }
            return .enumeration(value)
        case .boolean:
            return .boolean(text == "true" || text == "1")
        case .textString:
            return .textString(text)
        case .byteString:
            if text.hasPrefix("$") {
                switch placeholderBytes {
                case .zeros: return .byteString(Array(repeating: 0, count: 32))
                case .name: return .textString(text)
                }
            }
            guard let bytes = TTLVText.bytes(fromHex: text) else { throw fail() }
            return .byteString(bytes)
        case .dateTime:
            if text.hasPrefix("$NOW") {
                let offset = Int64(text.dropFirst(4)) ?? 0
                return .dateTime(now + offset)
            }
            if let seconds = Int64(text) { return .dateTime(seconds) }
            guard let date = try? Date(text, strategy: .iso8601) else { throw fail() }
            return .dateTime(Int64(date.timeIntervalSince1970))
        case .interval:
            guard let value = UInt32(text) else { throw fail() }
            return .interval(value)
        }
    }

    private static func quote(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    private final class TreeBuilder: NSObject, XMLParserDelegate {
        var stack: [Element] = []
        var root: Element?

        func parser(
            _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
            attributes: [String: String] = [:]
        ) {
            stack.append(Element(name: elementName, attributes: attributes, children: []))
        }

        func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
            let element = stack.removeLast()
            if stack.isEmpty {
                root = element
            } else {
                stack[stack.count - 1].children.append(element)
            }
        }
    }
}
