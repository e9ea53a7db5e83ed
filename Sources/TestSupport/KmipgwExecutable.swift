import Foundation

/// The built `kmipgw` executable, for tests that run it as a child process: beside the test
/// bundle in the build directory (SwiftPM builds it with the tests), or `$KMIPGW_BINARY`. The
/// test-only executables built beside it (`StoreTestChild`) are started the same way.
///
/// Blocking reads and waits run on dispatch threads: blocking one of the few cooperative threads
/// would starve the tests running beside the caller.
public enum KmipgwExecutable {
    public static var path: String? {
        if let explicit = ProcessInfo.processInfo.environment["KMIPGW_BINARY"] { return explicit }
        return path(of: "kmipgw")
    }

    /// A product of this package built beside the test bundle.
    public static func path(of executable: String) -> String? {
        var candidates: [URL] = [Bundle.main.bundleURL.deletingLastPathComponent()]
        let argument = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        candidates += [argument, argument.deletingLastPathComponent()]
        for directory in candidates {
            let candidate = directory.appendingPathComponent(executable).path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// What a run produced.
    public struct Result: Sendable {
        public var status: Int32
        public var stdout: String
        public var stderr: String
    }

    /// Starts `kmipgw arguments…` (or the test-only `executable`) with stdout captured and stderr
    /// discarded; pair with ``finish(_:_:)``.
    public static func start(_ arguments: [String], executable: String = "kmipgw") throws -> (Process, Pipe) {
        let process = try makeProcess(arguments, executable: executable)
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        return (process, output)
    }

    /// Waits for a child from ``start(_:)`` to exit and returns everything it wrote to stdout.
    public static func finish(_ process: Process, _ output: Pipe) async -> String {
        let child = UncheckedProcess(process: process, output: output)
        return await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                let data = child.output.fileHandleForReading.readDataToEndOfFile()
                child.process.waitUntilExit()
                continuation.resume(returning: String(decoding: data, as: UTF8.self))
            }
        }
    }

    /// Runs `kmipgw arguments…` to completion, without the caller's KMIPGW_* variables.
    public static func run(_ arguments: [String]) async throws -> Result {
        let process = try makeProcess(arguments)
        var environment = ProcessInfo.processInfo.environment
        environment["KMIPGW_STATE"] = nil
        environment["KMIPGW_MASTER_KEY_FILE"] = nil
        process.environment = environment
        let child = UncheckedProcess(process: process, output: Pipe())
        let error = Pipe()
        process.standardOutput = child.output
        process.standardError = error
        return try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                do {
                    try child.process.run()
                    // Read stderr on another thread so neither pipe can fill up and block the child.
                    let group = DispatchGroup()
                    nonisolated(unsafe) var errorData = Data()
                    group.enter()
                    DispatchQueue.global().async {
                        errorData = error.fileHandleForReading.readDataToEndOfFile()
                        group.leave()
                    }
                    let outputData = child.output.fileHandleForReading.readDataToEndOfFile()
                    group.wait()
                    child.process.waitUntilExit()
                    continuation.resume(returning: Result(
                        status: child.process.terminationStatus, stdout: String(decoding: outputData, as: UTF8.self),
                        stderr: String(decoding: errorData, as: UTF8.self)))
                } catch {
                    continuation.resume(throwing: error)
                }
            }
        }
    }

    private static func makeProcess(_ arguments: [String], executable: String = "kmipgw") throws -> Process {
        guard let path = executable == "kmipgw" ? path : path(of: executable) else {
            throw CocoaError(.fileNoSuchFile, userInfo: [NSLocalizedDescriptionKey: "\(executable) binary not found; build it"])
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        return process
    }

    /// Process and Pipe are not Sendable; each is handed to exactly one thread at a time here.
    private struct UncheckedProcess: @unchecked Sendable {
        let process: Process
        let output: Pipe
    }
}
