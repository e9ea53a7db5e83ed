import ArgumentParser
import Foundation
import KMIP
import Logging

/// The log handler of `kmipgw serve --log-format text|json`: one line per event on standard
/// error. `json` writes one JSON object per line (`time`, `level`, `label`, `message`, then the
/// metadata keys), for log shippers; `text` writes `time level label: message key=value…` with
/// every control character escaped, so no peer-supplied value can forge a line.
struct LineLogHandler: LogHandler {
    /// The two line formats.
    enum Format: String, CaseIterable, Sendable, ExpressibleByArgument {
        case text
        case json
    }

    let label: String
    let format: Format
    var logLevel: Logger.Level = .info
    var metadata: Logger.Metadata = [:]
    private let write: @Sendable (String) -> Void

    init(label: String, format: Format, write: @escaping @Sendable (String) -> Void = Self.standardError) {
        self.label = label
        self.format = format
        self.write = write
    }

    static let standardError: @Sendable (String) -> Void = { line in
        FileHandle.standardError.write(Data(line.utf8))
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var merged = metadata
        if let extra = event.metadata { merged.merge(extra) { $1 } }
        write(
            Self.line(
                format: format, time: Date(), level: event.level, label: label, message: event.message.description,
                metadata: merged))
    }

    /// One event as a newline-terminated line; metadata keys in sorted order.
    static func line(
        format: Format, time: Date, level: Logger.Level, label: String, message: String, metadata: Logger.Metadata
    ) -> String {
        let timestamp = time.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
        let keys = metadata.keys.sorted()
        switch format {
        case .text:
            var line = "\(timestamp) \(level) \(label): \(message)"
            for key in keys {
                line += " \(key)=\(metadata[key].map(Self.text) ?? "")"
            }
            return PrintableText.escaped(line) + "\n"
        case .json:
            var out: [UInt8] = []
            func field(_ key: String, _ value: String) {
                out.append(out.isEmpty ? UInt8(ascii: "{") : UInt8(ascii: ","))
                TTLVText.appendJSONStringLiteral(key, to: &out)
                out.append(UInt8(ascii: ":"))
                TTLVText.appendJSONStringLiteral(value, to: &out)
            }
            field("time", timestamp)
            field("level", level.rawValue)
            field("label", label)
            field("message", message)
            for key in keys where !["time", "level", "label", "message"].contains(key) {
                field(key, metadata[key].map(Self.text) ?? "")
            }
            out.append(contentsOf: Array("}\n".utf8))
            return String(decoding: out, as: UTF8.self)
        }
    }

    /// A metadata value as flat text: strings as they are, lists and dictionaries in swift-log's form.
    private static func text(_ value: Logger.Metadata.Value) -> String {
        switch value {
        case .string(let string): string
        case .stringConvertible(let convertible): convertible.description
        default: value.description
        }
    }
}
