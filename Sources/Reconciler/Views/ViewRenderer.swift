import Foundation
import KMIP
import Yams

/// Renders `kmipgw get` listings as a table, JSON or YAML. JSON and YAML have the shape
/// `{kind, items}` with the same field names.
public enum ViewRenderer {
    /// A left-aligned table with a heading row, columns separated by three spaces; newline-terminated.
    public static func table<Row: ViewRow>(_ rows: [Row]) -> String {
        table(columns: Row.columns, rows: rows.map(\.cells), indent: "").joined(separator: "\n") + "\n"
    }

    /// `{"kind": kind, "items": [...]}`, pretty-printed with sorted keys.
    public static func json<Item: Encodable>(kind: String, _ items: Item) throws -> String {
        try JSONOutput.document(Document(kind: kind, items: items))
    }

    /// The same document as YAML (keys sorted).
    public static func yaml<Item: Encodable>(kind: String, _ items: Item) throws -> String {
        let encoder = YAMLEncoder()
        encoder.options.sortKeys = true
        return try encoder.encode(Document(kind: kind, items: items))
    }

    /// One value (`describe`), pretty-printed JSON with sorted keys.
    public static func json<Value: Encodable>(_ value: Value) throws -> String {
        try JSONOutput.document(value)
    }

    /// One value (`describe`) as YAML with sorted keys.
    public static func yaml<Value: Encodable>(_ value: Value) throws -> String {
        let encoder = YAMLEncoder()
        encoder.options.sortKeys = true
        return try encoder.encode(value)
    }

    private struct Document<Item: Encodable>: Encodable {
        var kind: String
        var items: Item
    }

    static func table(columns: [String], rows: [[String]], indent: String) -> [String] {
        // Names come from KMIP clients and certificates: escaped before widths are measured.
        let rows = rows.map { $0.map(PrintableText.escaped) }
        var widths = columns.map(\.count)
        for row in rows {
            for (index, cell) in row.enumerated() where index < widths.count {
                widths[index] = max(widths[index], cell.count)
            }
        }
        func line(_ cells: [String]) -> String {
            var text = indent
            for (index, cell) in cells.enumerated() {
                if index == cells.count - 1 {
                    text += cell
                } else {
                    text += cell + String(repeating: " ", count: widths[index] - cell.count + 3)
                }
            }
            return text
        }
        return [line(columns)] + rows.map(line)
    }
}
