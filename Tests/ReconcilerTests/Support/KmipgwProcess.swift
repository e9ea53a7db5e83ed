import Foundation

/// Runs the built `kmipgw` executable: beside the test bundle in the build directory (SwiftPM
/// builds it with the tests), or `$KMIPGW_BINARY`.
enum KmipgwProcess {
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

    /// What a run produced.
    struct Result: Sendable {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs `kmipgw arguments…` to completion, off the cooperative thread pool.
    static func run(_ arguments: [String]) async throws -> Result {
        guard let path else {
            throw CocoaError(.fileNoSuchFile, userInfo: [NSLocalizedDescriptionKey: "kmipgw binary not found; build it"])
        }
        return try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                do {
                    let process = Process()
                    process.executableURL = URL(fileURLWithPath: path)
                    process.arguments = arguments
                    var environment = ProcessInfo.processInfo.environment
                    environment["KMIPGW_STATE"] = nil
                    environment["KMIPGW_MASTER_KEY_FILE"] = nil
                    process.environment = environment
                    let (output, error) = (Pipe(), Pipe())
                    process.standardOutput = output
                    process.standardError = error
                    try process.run()
                    // Read stderr on another thread so neither pipe can fill up and block the child.
                    let group = DispatchGroup()
                    nonisolated(unsafe) var errorData = Data()
                    group.enter()
                    DispatchQueue.global().async {
                        errorData = error.fileHandleForReading.readDataToEndOfFile()
                        group.leave()
                    }
                    let outputData = output.fileHandleForReading.readDataToEndOfFile()
                    group.wait()
                    process.waitUntilExit()
                    continuation.resume(
                        returning: Result(
                            status: process.terminationStatus, stdout: String(decoding: outputData, as: UTF8.self),
                            stderr: String(decoding: errorData, as: UTF8.self)))
                } catch {
                    continuation.resume(throwing: error)
                }
            }
        }
    }
}
