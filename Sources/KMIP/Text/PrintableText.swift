/// Text from outside (certificate subjects, KMIP names, YAML keys, file names) made safe for a
/// terminal or a CI log: every control character is written as a `\u{…}` escape.
///
/// A raw newline would let a certificate subject start a line of its own (`::error::` in a CI
/// log), an ESC byte would reach the terminal as a command, and a bidirectional override would
/// make text read differently from what it is. JSON output needs none of this: its encoder
/// already escapes.
public enum PrintableText {
    /// `text` with C0 and C1 control characters, DEL and the bidirectional formatting characters
    /// escaped; everything else, backslashes included, is kept as it is.
    public static func escaped(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: needsEscape) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            guard needsEscape(scalar) else {
                out.append(scalar)
                continue
            }
            out.append(contentsOf: "\\u{\(String(scalar.value, radix: 16))}".unicodeScalars)
        }
        return String(out)
    }

    private static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00..<0x20, 0x7F...0x9F: true
        // LRE, RLE, PDF, LRO, RLO; LRI, RLI, FSI, PDI; LRM, RLM, ALM.
        case 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F, 0x061C: true
        default: false
        }
    }
}
