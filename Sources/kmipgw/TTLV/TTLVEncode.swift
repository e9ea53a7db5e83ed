import ArgumentParser
import Foundation
import KMIP
import TTLV

/// `kmipgw ttlv encode [FILE]`: the readable tree of `ttlv decode` back into bytes.
struct TTLVEncode: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "encode",
        abstract: "Turn the text form printed by 'kmipgw ttlv decode' back into TTLV bytes.",
        discussion: "Writes lower-case hexadecimal by default; --binary writes raw bytes (redirect them to a file)."
    )

    @Argument(help: "A file holding the text form; '-' or nothing reads standard input.")
    var file: String?

    @Flag(name: .long, help: "Write raw bytes instead of hexadecimal.")
    var binary = false

    func run() throws {
        let data = try InputSource.read(file)
        guard let text = String(data: data, encoding: .utf8) else {
            throw CommandFailure("the input is not UTF-8 text")
        }
        let item: TTLVItem
        do {
            item = try TTLVText.parse(text)
        } catch {
            throw CommandFailure("\(file ?? "<stdin>"): \(error)")
        }
        let bytes = item.encodedBytes
        if binary {
            FileHandle.standardOutput.write(Data(bytes))
        } else {
            print(TTLVText.hex(bytes))
        }
    }
}
