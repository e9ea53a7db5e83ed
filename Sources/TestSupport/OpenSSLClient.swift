import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The real `openssl s_client`, for tests that must see what a client outside Swift's TLS stack
/// sees: which protocol versions and cipher suites are accepted, and whether a cached session
/// resumes. `scripts/test` installs `openssl`.
///
/// Blocking reads and waits run on threads of their own: on a two-core machine Dispatch's global
/// queue has two threads, shared with Swift's concurrency pool, and a read waiting there for an
/// answer the server computes on that same pool never ends.
public enum OpenSSLClient {
    /// What a handshake-only run reported.
    public struct Handshake: Sendable {
        /// Whether `s_client` completed the handshake (exit status 0 and a negotiated suite).
        public var established: Bool
        /// The protocol, e.g. `TLSv1.2`, when established.
        public var protocolVersion: String?
        /// The suite in OpenSSL's naming, when established.
        public var cipherSuite: String?
        /// Everything `s_client` printed, for failure messages.
        public var output: String
    }

    /// Whether `openssl` can be run here.
    public static var isAvailable: Bool { executable != nil }

    private static var executable: String? {
        ["/usr/bin/openssl", "/usr/local/bin/openssl", "/opt/homebrew/bin/openssl"].first {
            FileManager.default.isExecutableFile(atPath: $0)
        }
    }

    /// Connects to 127.0.0.1:`port` presenting `certificate`, completes (or fails) the handshake
    /// and disconnects; `arguments` pick versions and suites (`-tls1_2`, `-cipher …`).
    public static func handshake(
        port: Int, certificate: TestCertificates.Issued, arguments: [String], in directory: TemporaryDirectory
    ) async throws -> Handshake {
        let (process, stdout) = try start(
            port: port, certificate: certificate, arguments: ["-brief"] + arguments, errors: true,
            input: FileHandle.nullDevice, in: directory)
        let (status, output) = await finish(process, stdout: stdout)
        func value(_ label: String) -> String? {
            output.split(separator: "\n").first { $0.hasPrefix(label) }
                .map { $0.dropFirst(label.count).trimmingCharacters(in: .whitespaces) }
        }
        let suite = value("Ciphersuite:")
        return Handshake(
            established: status == 0 && suite != nil, protocolVersion: value("Protocol version:"), cipherSuite: suite,
            output: output)
    }

    /// Sends one request and returns the response, or the bytes received before the server
    /// closed (empty when it closed without an answer). `arguments` may carry `-sess_out FILE`
    /// and `-sess_in FILE` to store and resume a session.
    public static func exchange(
        port: Int, certificate: TestCertificates.Issued, request: [UInt8], arguments: [String],
        in directory: TemporaryDirectory
    ) async throws -> [UInt8] {
        // -quiet: only application data on stdout; it also keeps the connection after stdin's end.
        let requestFile = directory.file("request-\(UUID().uuidString).ttlv")
        try Data(request).write(to: URL(fileURLWithPath: requestFile))
        let (process, stdout) = try start(
            port: port, certificate: certificate, arguments: ["-quiet"] + arguments, errors: false,
            input: FileHandle(forReadingAtPath: requestFile), in: directory)
        let child = UncheckedChild(process: process, stdout: stdout)
        // Only a guard against a hung child: the answer normally comes within milliseconds.
        Thread.detachNewThread {
            Thread.sleep(forTimeInterval: 30)
            child.kill()
        }
        return await withCheckedContinuation { continuation in
            Thread.detachNewThread {
                var received: [UInt8] = []
                // A TTLV response is an 8-byte header whose last four bytes are the body length.
                while true {
                    if received.count >= 8 {
                        let length = received[4..<8].reduce(0) { $0 << 8 | Int($1) }
                        if received.count >= 8 + length { break }
                    }
                    let data = child.stdout.fileHandleForReading.availableData
                    if data.isEmpty { break }
                    received += data
                }
                child.kill()
                child.process.waitUntilExit()
                continuation.resume(returning: received)
            }
        }
    }

    private static func start(
        port: Int, certificate: TestCertificates.Issued, arguments: [String], errors: Bool, input: FileHandle?,
        in directory: TemporaryDirectory
    ) throws -> (Process, Pipe) {
        guard let executable else { throw CocoaError(.fileNoSuchFile, userInfo: [NSLocalizedDescriptionKey: "openssl not found"]) }
        let certificateFile = directory.file("client-\(certificate.fingerprint.prefix(16)).pem")
        let keyFile = directory.file("client-\(certificate.fingerprint.prefix(16)).key")
        try certificate.pem.write(toFile: certificateFile, atomically: true, encoding: .utf8)
        try certificate.privateKeyPEM.write(toFile: keyFile, atomically: true, encoding: .utf8)
        let process = Process()
        // Through bash, to close every descriptor above 2 first: Process passes the test process's
        // open sockets on, and a server socket held by a child never sends its FIN, so the
        // server's close would not reach its client.
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [
            "-c", #"for fd in $(ls /proc/$$/fd); do [ "$fd" -gt 2 ] && eval "exec $fd>&-"; done; exec "$@""#, "openssl",
            executable, "s_client", "-connect", "127.0.0.1:\(port)", "-cert", certificateFile, "-key", keyFile,
        ] + arguments
        let stdout = Pipe()
        // Standard input is a file, then its end: -quiet keeps the connection open after it.
        process.standardInput = input
        process.standardOutput = stdout
        // -brief reports on stderr: one stream for both keeps the parsing simple. An exchange
        // wants only the server's bytes on stdout.
        process.standardError = errors ? stdout : FileHandle.nullDevice
        try process.run()
        return (process, stdout)
    }

    private static func finish(_ process: Process, stdout: Pipe) async -> (Int32, String) {
        let child = UncheckedChild(process: process, stdout: stdout)
        return await withCheckedContinuation { continuation in
            Thread.detachNewThread {
                let data = child.stdout.fileHandleForReading.readDataToEndOfFile()
                child.process.waitUntilExit()
                continuation.resume(returning: (child.process.terminationStatus, String(decoding: data, as: UTF8.self)))
            }
        }
    }
}

/// A child and its output pipe, handed to the one thread that reads and waits for it.
private struct UncheckedChild: @unchecked Sendable {
    var process: Process
    var stdout: Pipe

    /// SIGKILL, not `terminate()`: a child inherits an ignored SIGTERM from the test process.
    func kill() {
        if process.isRunning { _ = Glibc.kill(process.processIdentifier, SIGKILL) }
    }
}
