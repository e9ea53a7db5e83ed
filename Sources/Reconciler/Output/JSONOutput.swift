import Foundation

/// The one JSON set-up of every `-o json` document and benchmark report: keys sorted, so that
/// a shape never changes between runs and a diff shows only what changed; slashes unescaped, so
/// that paths read as written.
public enum JSONOutput {
    /// Indented, for a document a person or CI reads; ends with a newline.
    public static func document<Value: Encodable>(_ value: Value) throws -> String {
        try encode(value, [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]) + "\n"
    }

    /// On one line, for a stream of records; no newline.
    public static func line<Value: Encodable>(_ value: Value) throws -> String {
        try encode(value, [.sortedKeys, .withoutEscapingSlashes])
    }

    private static func encode<Value: Encodable>(_ value: Value, _ formatting: JSONEncoder.OutputFormatting) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = formatting
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}
