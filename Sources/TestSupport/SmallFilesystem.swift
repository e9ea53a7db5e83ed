import Foundation

/// A real filesystem of a few hundred kilobytes (a tmpfs mounted on a temporary directory), for
/// tests of what kmipgw does when the disk is full. Mounting needs root, as CI has; `make`
/// returns nil where the system refuses, and the tests that need one say so in their trait.
public final class SmallFilesystem: Sendable {
    /// The mount point.
    public let path: String
    private let directory: TemporaryDirectory

    private init(directory: TemporaryDirectory) {
        self.directory = directory
        self.path = directory.path
    }

    /// Mounts a tmpfs of `bytes` bytes, or returns nil when mounting is not allowed here.
    public static func make(bytes: Int) -> SmallFilesystem? {
        guard getuid() == 0, let directory = try? TemporaryDirectory(prefix: "kmipgw-full") else { return nil }
        guard run(["mount", "-t", "tmpfs", "-o", "size=\(bytes),mode=0700", "tmpfs", directory.path]) else {
            return nil
        }
        return SmallFilesystem(directory: directory)
    }

    /// Whether this machine lets tests mount one (root, and mount allowed).
    public static let available: Bool = {
        guard let probe = make(bytes: 64 * 1024) else { return false }
        _ = probe
        return true
    }()

    /// Makes the filesystem read-only, as a read-only mount of a state directory is.
    public func remountReadOnly() -> Bool {
        Self.run(["mount", "-o", "remount,ro", path])
    }

    /// A path inside the filesystem.
    public func file(_ name: String) -> String {
        directory.file(name)
    }

    deinit {
        _ = Self.run(["umount", "-l", path])
    }

    private static func run(_ arguments: [String]) -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            return false
        }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }
}
