import Foundation

/// The `kmipgw` executable the crash and two-process tests run as a child: beside the test
/// bundle in the build directory (SwiftPM builds it with the tests), or `$KMIPGW_BINARY`.
enum KmipgwBinary {
    static var path: String? {
        if let explicit = ProcessInfo.processInfo.environment["KMIPGW_BINARY"] { return explicit }
        var candidates: [URL] = [Bundle.main.bundleURL.deletingLastPathComponent()]
        let argument = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        candidates += [argument, argument.deletingLastPathComponent()]
        for directory in candidates {
            let candidate = directory.appendingPathComponent("kmipgw").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// Waits for the child to exit and returns everything it wrote to stdout. The blocking
    /// reads run on a dispatch thread: blocking one of the few cooperative threads would starve
    /// the tests running beside this one.
    static func finish(_ process: Process, _ output: Pipe) async -> String {
        let process = UncheckedProcess(process: process, output: output)
        return await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                let data = process.output.fileHandleForReading.readDataToEndOfFile()
                process.process.waitUntilExit()
                continuation.resume(returning: String(decoding: data, as: UTF8.self))
            }
        }
    }

    /// Process and Pipe are not Sendable; each is handed to exactly one thread at a time here.
    private struct UncheckedProcess: @unchecked Sendable {
        let process: Process
        let output: Pipe
    }

    /// Starts `kmipgw arguments…` with stdout captured.
    static func start(_ arguments: [String]) throws -> (Process, Pipe) {
        guard let path else {
            throw CocoaError(.fileNoSuchFile, userInfo: [NSLocalizedDescriptionKey: "kmipgw binary not found; build it"])
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        return (process, output)
    }
}
