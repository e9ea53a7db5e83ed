import Yams

/// Reads Yams nodes into typed values and records a diagnostic for every mismatch instead of stopping,
/// so one run reports every error of a document.
///
/// Walking `Node`s ourselves (rather than `YAMLDecoder`) keeps each node's `Mark`, which Codable
/// drops, and lets unknown keys be errors, which Codable silently ignores.
struct NodeReader {
    let file: String
    private(set) var diagnostics: [Diagnostic] = []
    /// Aliases are expanded by Yams, so a few lines of anchors can stand for billions of nodes. The
    /// loader's prescan already refuses such files (``YAMLPrescan``); this budget, the file's share
    /// of the run's, is the second line.
    private var remainingNodes: Int
    private(set) var isExhausted = false
    /// Diagnostics past this many are counted, not kept: a file of a million unknown fields must
    /// not cost a million messages.
    private let diagnosticLimit: Int
    /// Diagnostics reported past ``diagnosticLimit``.
    private(set) var omittedDiagnostics = 0

    init(file: String, nodeBudget: Int = 2_000_000, diagnosticLimit: Int = .max) {
        self.file = file
        self.remainingNodes = nodeBudget
        self.diagnosticLimit = diagnosticLimit
    }

    func location(of node: Node) -> SourceLocation {
        guard let mark = node.mark else { return SourceLocation(file: file) }
        return SourceLocation(file: file, line: mark.line, column: mark.column)
    }

    mutating func report(_ diagnostic: Diagnostic) {
        guard diagnostics.count < diagnosticLimit else {
            omittedDiagnostics += 1
            return
        }
        diagnostics.append(diagnostic)
    }

    /// Counts one node against the budget; `false` once the budget is spent (reported once).
    mutating func enter(_ node: Node, path: FieldPath) -> Bool {
        guard !isExhausted else { return false }
        remainingNodes -= 1
        if remainingNodes < 0 {
            isExhausted = true
            report(
                .error(
                    .documentTooLarge,
                    "the document expands to more than its share of the run's node budget; refusing to read on",
                    at: location(of: node),
                    path: path
                )
            )
            return false
        }
        return true
    }

    /// The fields of a mapping by key, after reporting every key that is not in `allowed`.
    mutating func fields(of node: Node, path: FieldPath, allowed: [String]) -> [String: Node]? {
        guard enter(node, path: path) else { return nil }
        guard case .mapping(let mapping) = node else {
            reportWrongType(node, expected: "a mapping", path: path)
            return nil
        }
        var result: [String: Node] = [:]
        for (key, value) in mapping {
            guard case .scalar(let scalar) = key else {
                report(.error(.unknownField, "keys must be plain strings", at: location(of: key), path: path))
                continue
            }
            let name = scalar.string
            guard allowed.contains(name) else {
                report(
                    .error(
                        .unknownField,
                        Self.unknownFieldMessage(name, allowed: allowed),
                        at: location(of: key),
                        path: path.appending(name)
                    )
                )
                continue
            }
            result[name] = value
        }
        return result
    }

    /// The elements of a sequence.
    mutating func elements(of node: Node, path: FieldPath) -> [Node]? {
        guard enter(node, path: path) else { return nil }
        guard case .sequence(let sequence) = node else {
            reportWrongType(node, expected: "a list", path: path)
            return nil
        }
        return Array(sequence)
    }

    /// A string scalar. Numbers, booleans, dates and null are rejected (quote them) so that the
    /// YAML means the same here as in the JSON Schema, where `name: 2024` is an integer.
    mutating func string(_ node: Node, path: FieldPath) -> Located<String>? {
        guard enter(node, path: path) else { return nil }
        guard case .scalar(let scalar) = node, Self.tagName(of: node) == .str else {
            reportWrongType(node, expected: "a string", path: path)
            return nil
        }
        return Located(value: scalar.string, location: location(of: node), path: path)
    }

    /// A whole number within `range`; anything else (a string, a fraction, a number out of
    /// range) is reported where it stands.
    mutating func integer(_ node: Node, path: FieldPath, range: ClosedRange<Int>) -> Located<Int>? {
        guard enter(node, path: path) else { return nil }
        guard case .scalar(let scalar) = node, Self.tagName(of: node) == .int,
            let value = Int(String(scalar.string.filter { $0 != "_" }))
        else {
            reportWrongType(node, expected: "a whole number", path: path)
            return nil
        }
        guard range.contains(value) else {
            report(
                .error(
                    .limitOutOfRange, "must be between \(range.lowerBound) and \(range.upperBound) (got \(value))",
                    at: location(of: node), path: path))
            return nil
        }
        return Located(value: value, location: location(of: node), path: path)
    }

    /// Reports a required field that the mapping lacks, pointing at the mapping.
    mutating func reportMissing(_ field: String, in node: Node, path: FieldPath) {
        report(.error(.missingField, "required field '\(field)' is missing", at: location(of: node), path: path))
    }

    private mutating func reportWrongType(_ node: Node, expected: String, path: FieldPath) {
        var message = "expected \(expected), got \(Self.kind(of: node))"
        if expected == "a string", case .scalar(let scalar) = node, Self.tagName(of: node) != .null {
            message += " (quote it: \"\(scalar.string)\")"
        }
        report(.error(.wrongType, message, at: location(of: node), path: path))
    }

    /// The tag (`str`, `int`, `null`…) a scalar has under YAML's core rules.
    ///
    /// Documents are composed with Yams' rule-less `.basic` resolver, because resolving every
    /// plain scalar (including every key, which Yams hashes for its duplicate-key check) through
    /// the default resolver's regular expressions was the largest cost of a 40,000-certificate
    /// configuration. Only the values read here are resolved, and only when they could be
    /// something other than a string.
    static func tagName(of node: Node) -> Tag.Name {
        guard case .scalar(let scalar) = node else { return Tag.Name(rawValue: node.tag.rawValue) }
        // An unresolved implicit tag reads as "" (a quoted or block scalar already carries `str`).
        let written = scalar.tag.rawValue
        if !written.isEmpty, written != "!" { return Tag.Name(rawValue: written) }
        if scalar.style != .plain { return .str }
        guard let first = scalar.string.unicodeScalars.first else { return .null }
        guard mayBeNonString.contains(first) else { return .str }
        return Resolver.default.resolveTag(of: Node(scalar.string))
    }

    /// First characters of every plain scalar the core rules resolve to something other than a
    /// string (numbers, `.inf`, booleans such as `yes`/`on`, `null`/`~`, dates, `<<`, `=`).
    private static let mayBeNonString = Set("0123456789+-.~tfynoTFYNO<=".unicodeScalars)

    static func kind(of node: Node) -> String {
        switch node {
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        case .scalar:
            switch Self.tagName(of: node) {
            case .str: return "a string"
            case .int, .float: return "a number"
            case .bool: return "a boolean"
            case .null: return "null"
            case .timestamp: return "a date"
            default: return "a value tagged \(tagName(of: node).rawValue)"
            }
        }
    }

    static func unknownFieldMessage(_ name: String, allowed: [String]) -> String {
        var message = "unknown field '\(name)'"
        if let suggestion = closest(to: name, in: allowed) {
            message += " (did you mean '\(suggestion)'?)"
        }
        return message + "; allowed here: " + allowed.joined(separator: ", ")
    }

    /// The allowed key a typo most likely meant: same letters ignoring case, or at most two edits away.
    static func closest(to name: String, in candidates: [String]) -> String? {
        let lowered = name.lowercased()
        if let exact = candidates.first(where: { $0.lowercased() == lowered }) { return exact }
        let scored = candidates.map { ($0, editDistance(lowered, $0.lowercased())) }
        guard let best = scored.min(by: { $0.1 < $1.1 }), best.1 <= 2 else { return nil }
        return best.0
    }

    static func editDistance(_ lhs: String, _ rhs: String) -> Int {
        let a = Array(lhs.unicodeScalars)
        let b = Array(rhs.unicodeScalars)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
