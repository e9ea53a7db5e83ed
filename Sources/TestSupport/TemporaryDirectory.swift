import Foundation

/// A fresh directory under the system temporary directory, removed when the value is released
/// (or, with ``withTemporaryDirectory(prefix:_:)``, when the body returns).
public final class TemporaryDirectory: Sendable {
    /// The directory's path.
    public let path: String

    /// Creates the directory, named `prefix` and a random suffix.
    public init(prefix: String = "kmipgw-test") throws {
        let base = NSTemporaryDirectory()
        let path = (base as NSString).appendingPathComponent("\(prefix)-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        self.path = path
    }

    /// A path inside the directory.
    public func file(_ name: String) -> String {
        (path as NSString).appendingPathComponent(name)
    }

    /// Writes `contents` to `name` (which may hold subdirectories, made as needed) and returns
    /// the full path.
    @discardableResult
    public func write(_ name: String, _ contents: String) throws -> String {
        let file = file(name)
        let directory = (file as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try Data(contents.utf8).write(to: URL(fileURLWithPath: file))
        return file
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }
}

/// Runs `body` with a temporary directory that is removed when `body` returns, whatever happens.
public func withTemporaryDirectory<Result>(
    prefix: String = "kmipgw-test", _ body: (TemporaryDirectory) throws -> Result
) throws -> Result {
    let directory = try TemporaryDirectory(prefix: prefix)
    // Removed now, even if `body` kept a reference to it.
    defer { try? FileManager.default.removeItem(atPath: directory.path) }
    return try body(directory)
}
