import Foundation

/// Reads the whole of a file, or standard input for `-` or no path.
enum InputSource {
    static func read(_ path: String?) throws -> Data {
        guard let path, path != "-" else {
            return FileHandle.standardInput.readDataToEndOfFile()
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CommandFailure("cannot read \(path): no such file, or not readable")
        }
        return data
    }
}

/// A command-line failure: printed to standard error as `error: message`, exit code 1.
struct CommandFailure: Error, CustomStringConvertible {
    let description: String

    init(_ message: String) {
        self.description = message
    }
}
