import Foundation
import KMIP
import NIOCore
import TTLV

/// Replays an OASIS KMIP test case (the profiles' XML files) against a request processor and
/// compares every response with the file's, the way a conformance harness does.
///
/// What the reference server chose is not compared literally: `$UNIQUE_IDENTIFIER_n` binds to
/// the identifier this server returns and must stay the same afterwards; `$NOW` dates match
/// within five minutes; digests and key material must have the reference length (their bytes
/// depend on the random key), and a Byte String placeholder such as `$KEY_MATERIAL_0` matches
/// any bytes, the same each time; Vendor Identification, Result Message and the Query lists may say
/// anything; Located Items may be left out (KMIP 1.4 §4.9); attributes and Get Attribute List
/// names may come in any order; a Random Number Generator must be there but may describe another
/// generator; a Get Attributes for every attribute may return more. Everything else must be equal.
public struct OASISReplay {
    /// One request of the file, what came back, and how it differs from the file's response.
    public struct Step: Sendable {
        public var index: Int
        public var operations: [String]
        public var response: TTLVItem
        public var differences: [String]
    }

    public private(set) var bound: [String: String] = [:]
    public let now: Int64
    /// Set while comparing the answer to a Get Attributes that asked for every attribute: the
    /// reference server's list is then an example, and more attributes are not a difference.
    private var everyAttributeAsked = false

    public init(now: Date = Date()) {
        self.now = Int64(now.timeIntervalSince1970)
    }

    /// Sends each request of `file` through `send` and compares each answer with the file's.
    public mutating func run(_ file: URL, send: (ByteBuffer) async throws -> ByteBuffer) async throws -> [Step] {
        let messages = try KMIPXMLReader(now: now, placeholderBytes: .name).messages(in: Data(contentsOf: file))
        // Each file numbers its own objects from $UNIQUE_IDENTIFIER_0.
        bound = [:]
        var steps: [Step] = []
        var index = 0
        while index + 1 < messages.count {
            let request = substitute(messages[index])
            let expected = messages[index + 1]
            var buffer = ByteBuffer()
            _ = buffer.writeTTLV(request)
            let actual = try TTLVDecoder().decode(try await send(buffer))
            var differences: [String] = []
            everyAttributeAsked = request.children(.batchItem).contains { item in
                item.child(.operation)?.value == .enumeration(Operation.getAttributes.rawValue)
                    && item.child(.requestPayload)?.child(.attributeName) == nil
            }
            compare(expected, actual, path: KMIPRegistry.displayName(of: expected.tag), into: &differences)
            let operations = request.children(.batchItem).compactMap { $0.child(.operation) }.map { item in
                guard case .enumeration(let raw) = item.value else { return "?" }
                return KMIPRegistry.enumerationName(raw, of: .operation) ?? "?"
            }
            steps.append(Step(index: index / 2 + 1, operations: operations, response: actual, differences: differences))
            index += 2
        }
        return steps
    }

    /// The request with every bound placeholder replaced by its identifier.
    private func substitute(_ item: TTLVItem) -> TTLVItem {
        switch item.value {
        case .structure(let children):
            return .structure(item.tag, children.map(substitute))
        case .textString(let text) where text.hasPrefix("$"):
            return TTLVItem(item.tag, .textString(bound[text] ?? text))
        default:
            return item
        }
    }

    private mutating func compare(_ expected: TTLVItem, _ actual: TTLVItem, path: String, into differences: inout [String]) {
        guard expected.tag == actual.tag else {
            differences.append("\(path): expected \(name(expected.tag)), got \(name(actual.tag))")
            return
        }
        switch (expected.value, actual.value) {
        case (.structure(let wanted), .structure(let got)):
            compareChildren(wanted, got, parent: expected.tag, path: path, into: &differences)
        case (.textString(let placeholder), .textString(let text)) where placeholder.hasPrefix("$UNIQUE_IDENTIFIER"):
            if let identifier = bound[placeholder] {
                if identifier != text { differences.append("\(path): expected \(placeholder) = \(identifier), got \(text)") }
            } else {
                bound[placeholder] = text
            }
        case (.textString(let placeholder), .byteString(let bytes)) where placeholder.hasPrefix("$"):
            // Bytes the reference server chose (`$KEY_MATERIAL_n`): any, but the same each time.
            let hex = TTLVText.hex(bytes)
            if let earlier = bound[placeholder] {
                if earlier != hex { differences.append("\(path): expected \(placeholder) to be the bytes seen before") }
            } else {
                bound[placeholder] = hex
            }
        case (.textString, .textString) where [.vendorIdentification, .resultMessage].contains(expected.tag):
            break
        case (.dateTime(let wanted), .dateTime(let got)) where abs(wanted - now) < 86_400:
            if abs(got - wanted) > 300 { differences.append("\(path): expected a date near \(wanted) ($NOW), got \(got)") }
        case (.byteString(let wanted), .byteString(let got)) where [.digestValue, .keyMaterial].contains(expected.tag):
            if wanted.count != got.count { differences.append("\(path): expected \(wanted.count) bytes, got \(got.count)") }
        default:
            if expected.value != actual.value {
                differences.append("\(path): expected \(describe(expected)), got \(describe(actual))")
            }
        }
    }

    /// The OASIS test-case files kept with the KMIP tests, found from this source file (tests run
    /// in a checkout).
    public static let vectorDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Tests/KMIPTests/Vectors/oasis")

    /// Children are compared tag by tag in order, except Attributes (any order) and the lists a
    /// Query answer holds (the reference server's own operations and object types).
    private mutating func compareChildren(
        _ wanted: [TTLVItem], _ got: [TTLVItem], parent: Tag, path: String, into differences: inout [String]
    ) {
        var tags: [Tag] = []
        for item in wanted + got where !tags.contains(item.tag) { tags.append(item.tag) }
        for tag in tags {
            let expected = wanted.filter { $0.tag == tag }
            let actual = got.filter { $0.tag == tag }
            let childPath = "\(path)/\(name(tag))"
            if parent == .responsePayload, [.operation, .objectType].contains(tag), !expected.isEmpty {
                if actual.isEmpty { differences.append("\(childPath): expected a list, got none") }
                continue
            }
            // KMIP 1.4 §4.9: a server may return Located Items or leave it out.
            if parent == .responsePayload, tag == .locatedItems { continue }
            // Get Attribute List: a set of names.
            if parent == .responsePayload, tag == .attributeName {
                let wantedNames = expected.compactMap(\.text), gotNames = actual.compactMap(\.text)
                for name in wantedNames where !gotNames.contains(name) { differences.append("\(childPath)[\(name)]: missing") }
                for name in gotNames where !wantedNames.contains(name) {
                    differences.append("\(childPath)[\(name)]: not in the reference response")
                }
                continue
            }
            // How the server generates keys is its own: the structure must be there, not the same.
            if tag == .attributeValue, expected.first.map(isRandomNumberGenerator) == true, !actual.isEmpty { continue }
            if tag == .attribute {
                compareUnordered(expected, actual, path: childPath, into: &differences)
                continue
            }
            if expected.count != actual.count {
                differences.append("\(childPath): expected \(expected.count) item(s), got \(actual.count)")
                continue
            }
            for (one, other) in zip(expected, actual) {
                compare(one, other, path: childPath, into: &differences)
            }
        }
    }

    private mutating func compareUnordered(_ expected: [TTLVItem], _ actual: [TTLVItem], path: String, into differences: inout [String]) {
        var remaining = actual
        for item in expected {
            let label = "\(path)[\(attributeName(item))]"
            let sameName = remaining.indices.filter { attributeName(remaining[$0]) == attributeName(item) }
            guard let first = sameName.first else {
                differences.append("\(label): missing")
                continue
            }
            // Instances of one attribute (Names, Links…) may come in any order: take the one that
            // matches, else report the differences from the first.
            let chosen = sameName.first { matches(item, remaining[$0]) } ?? first
            compare(item, remaining[chosen], path: label, into: &differences)
            remaining.remove(at: chosen)
        }
        for extra in remaining where !everyAttributeAsked {
            differences.append("\(path)[\(attributeName(extra))]: not in the reference response")
        }
    }

    /// Whether `actual` matches `expected`, without binding any placeholder.
    private func matches(_ expected: TTLVItem, _ actual: TTLVItem) -> Bool {
        var trial = self
        var differences: [String] = []
        trial.compare(expected, actual, path: "", into: &differences)
        return differences.isEmpty
    }

    private func isRandomNumberGenerator(_ value: TTLVItem) -> Bool {
        value.tag == .attributeValue && value.child(.rngAlgorithm) != nil
    }

    private func attributeName(_ attribute: TTLVItem) -> String {
        guard case .textString(let name)? = attribute.child(.attributeName)?.value else { return "?" }
        return name
    }

    private func name(_ tag: Tag) -> String { KMIPRegistry.displayName(of: tag) }

    private func describe(_ item: TTLVItem) -> String {
        switch item.value {
        case .structure(let children): "a structure of \(children.count)"
        case .enumeration(let raw): KMIPRegistry.enumerationName(raw, of: item.tag) ?? "0x\(String(raw, radix: 16))"
        case .textString(let text): "\"\(text)\""
        case .byteString(let bytes): "\(bytes.count) bytes"
        case .integer(let value): "\(value)"
        case .longInteger(let value): "\(value)"
        case .boolean(let value): "\(value)"
        case .dateTime(let value): "date \(value)"
        case .interval(let value): "interval \(value)"
        case .bigInteger(let bytes): "big integer of \(bytes.count) bytes"
        }
    }
}

extension TTLVItem {
    fileprivate var text: String? {
        guard case .textString(let text) = value else { return nil }
        return text
    }
}
