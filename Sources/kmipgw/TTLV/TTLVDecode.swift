import ArgumentParser
import Foundation
import KMIP
import TTLV

/// `kmipgw ttlv decode [FILE]`: hex or binary TTLV in, readable tree out.
struct TTLVDecode: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "decode",
        abstract: "Print TTLV bytes (hexadecimal or binary, from a file or standard input) as a readable tree.",
        discussion: """
            The input format is detected: text made only of hexadecimal digits (whitespace, ':' and a \
            leading 0x allowed) is hex, anything else is binary. Decoding is strict: the first error is \
            reported with its byte offset and the tag at fault.
            """
    )

    enum InputFormat: String, ExpressibleByArgument, CaseIterable {
        case auto, hex, binary
    }

    @Argument(help: "A file holding the message; '-' or nothing reads standard input.")
    var file: String?

    @Option(name: .long, help: "How the input is written: auto, hex or binary.")
    var input: InputFormat = .auto

    @Option(name: .long, help: "The largest message accepted, in bytes.")
    var maxMessageSize: Int = TTLVDecoder.defaultMaximumMessageSize

    func run() throws {
        let data = try InputSource.read(file)
        let bytes = try Self.bytes(of: data, format: input)
        do {
            let item = try TTLVDecoder(maximumMessageSize: maxMessageSize).decode(bytes)
            print(TTLVText.format(item), terminator: "")
        } catch {
            throw CommandFailure("\(error)")
        }
    }

    static func bytes(of data: Data, format: InputFormat) throws -> [UInt8] {
        switch format {
        case .binary:
            return Array(data)
        case .hex:
            guard let text = String(data: data, encoding: .utf8), let bytes = TTLVText.bytes(fromHex: text) else {
                throw CommandFailure("the input is not hexadecimal (an even number of 0-9/a-f digits)")
            }
            return bytes
        case .auto:
            if let text = String(data: data, encoding: .utf8), !text.isEmpty, let bytes = TTLVText.bytes(fromHex: text) {
                return bytes
            }
            return Array(data)
        }
    }
}
