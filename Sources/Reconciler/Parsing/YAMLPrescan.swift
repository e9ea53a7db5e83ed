internal import CYaml

/// A pass over libyaml's events, before Yams builds any node, that measures what composing and
/// reading a file would cost and finds the one construct whose cost no budget can bound.
///
/// Yams hashes every mapping key while it composes (its duplicate-key check), and an alias used as
/// a key is hashed as the whole tree it stands for: a few lines of anchors cost minutes before any
/// node can be counted. This pass holds no tree: it keeps one number per anchor (how many nodes
/// the anchor expands to), so its time is linear in the text and its memory in the nesting depth
/// and the number of anchors.
struct YAMLPrescan {
    /// What the pass found.
    struct Outcome {
        /// Nodes as written (an alias counts one): what composing allocates.
        var writtenNodes = 0
        /// Nodes with every alias expanded (saturating): what reading the documents walks.
        var expandedNodes = 0
        /// Where the first alias used as a mapping key is (1-based line and column).
        var aliasKey: (line: Int, column: Int)?
    }

    /// Counts stop growing here; anything at the cap is over every budget.
    static let saturation = Int.max / 4

    private struct Frame {
        var isMapping: Bool
        var expectsKey = true
        var expanded = 1
        var anchor: String?
    }

    /// Scans `text`, stopping at `limit` written nodes (the caller refuses the file then) or at
    /// the first alias key. A syntax error ends the pass quietly: composing reports it with its
    /// position, and what was counted until then is what composing would build.
    func scan(_ text: String, limit: Int) -> Outcome {
        var outcome = Outcome()
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else { return outcome }
        defer { yaml_parser_delete(&parser) }
        var text = text
        return text.withUTF8 { buffer in
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            var anchors: [String: Int] = [:]
            var stack: [Frame] = []

            func add(_ expanded: Int) {
                if stack.isEmpty {
                    outcome.expandedNodes = min(Self.saturation, outcome.expandedNodes + expanded)
                } else {
                    let top = stack.count - 1
                    stack[top].expanded = min(Self.saturation, stack[top].expanded + expanded)
                    if stack[top].isMapping { stack[top].expectsKey.toggle() }
                }
            }

            var event = yaml_event_t()
            while yaml_parser_parse(&parser, &event) == 1 {
                defer { yaml_event_delete(&event) }
                let type = event.type
                if type == YAML_STREAM_END_EVENT { break }
                switch type {
                case YAML_ALIAS_EVENT, YAML_SCALAR_EVENT, YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
                    outcome.writtenNodes += 1
                    if outcome.writtenNodes > limit { return outcome }
                default:
                    break
                }
                switch type {
                case YAML_ALIAS_EVENT:
                    if let top = stack.last, top.isMapping, top.expectsKey {
                        outcome.aliasKey = (Int(event.start_mark.line) + 1, Int(event.start_mark.column) + 1)
                        return outcome
                    }
                    add(Self.string(event.data.alias.anchor).flatMap { anchors[$0] } ?? 1)
                case YAML_SCALAR_EVENT:
                    if let anchor = Self.string(event.data.scalar.anchor) { anchors[anchor] = 1 }
                    add(1)
                case YAML_SEQUENCE_START_EVENT:
                    stack.append(Frame(isMapping: false, anchor: Self.string(event.data.sequence_start.anchor)))
                case YAML_MAPPING_START_EVENT:
                    stack.append(Frame(isMapping: true, anchor: Self.string(event.data.mapping_start.anchor)))
                case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                    guard let frame = stack.popLast() else { break }
                    if let anchor = frame.anchor { anchors[anchor] = frame.expanded }
                    add(frame.expanded)
                default:
                    break
                }
            }
            return outcome
        }
    }

    private static func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        pointer.map { String(cString: $0) }
    }
}
