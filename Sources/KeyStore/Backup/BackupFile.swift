import Crypto
import Foundation
import KMIP

/// The layout of a backup file, and nothing about stores:
///
/// ```
/// kmipgw backup\n               the magic line
/// {"format":1,…}\n              the header (JSON, one line, at most 64 KiB)
/// <databaseBytes bytes>         the SQLite database, sealed as the store keeps it
/// sha256:<64 hex digits>\n      SHA-256 of every byte above
/// ```
///
/// The checksum comes last so that a backup can be written in one pass; a reader checks it
/// before it trusts a byte of the header.
struct BackupFile {
    static let magic = Array("kmipgw backup\n".utf8)
    static let trailerLength = 7 + 64 + 1
    static let maximumHeaderLength = 64 << 10
    static let chunk = 1 << 20

    let path: String
    let header: BackupHeader
    /// Where the database starts in the file.
    let databaseOffset: Int

    /// Writes `header` and the database file at `database` to `path` (mode 0600), through a
    /// temporary file renamed into place once written and synced: a crash leaves the old file or
    /// the whole new one.
    static func write(header: BackupHeader, database: String, to path: String) throws(BackupError) {
        let partial = path + ".partial"
        unlink(partial)
        let output = Foundation.open(partial, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard output >= 0 else { throw Self.ioError("cannot create \(partial)") }
        var closed = false
        defer {
            if !closed { close(output) }
            unlink(partial)
        }
        let input = Foundation.open(database, O_RDONLY | O_CLOEXEC)
        guard input >= 0 else { throw Self.ioError("cannot read the snapshot \(database)") }
        defer { close(input) }

        var digest = SHA256()
        let headerLine: [UInt8]
        do {
            // Keys sorted: two backups of one snapshot have equal headers.
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            headerLine = Array(try encoder.encode(header)) + [0x0A]
        } catch {
            throw BackupError(.io, "cannot encode the backup header: \(error)")
        }
        for part in [magic, headerLine] {
            digest.update(data: part)
            guard part.withUnsafeBytes({ Self.writeAll(output, $0) }) else { throw Self.ioError("cannot write \(partial)") }
        }
        var buffer = [UInt8](repeating: 0, count: chunk)
        var copied = 0
        while true {
            let count = buffer.withUnsafeMutableBytes { read(input, $0.baseAddress!, chunk) }
            guard count >= 0 else { throw Self.ioError("cannot read the snapshot \(database)") }
            if count == 0 { break }
            let written = buffer.withUnsafeBytes { bytes in
                let part = UnsafeRawBufferPointer(rebasing: bytes[..<count])
                digest.update(bufferPointer: part)
                return Self.writeAll(output, part)
            }
            guard written else { throw Self.ioError("cannot write \(partial)") }
            copied += count
        }
        guard copied == header.databaseBytes else {
            throw BackupError(.io, "the snapshot changed while it was copied (\(copied) of \(header.databaseBytes) bytes)")
        }
        // Not folded into the digest: it is the digest.
        let trailer = Array(("sha256:" + TTLVText.hex(Array(digest.finalize())) + "\n").utf8)
        guard trailer.withUnsafeBytes({ Self.writeAll(output, $0) }) else { throw Self.ioError("cannot write \(partial)") }
        guard fsync(output) == 0 else { throw Self.ioError("cannot sync \(partial)") }
        close(output)
        closed = true
        guard rename(partial, path) == 0 else { throw Self.ioError("cannot move the backup into \(path)") }
        Self.syncDirectory(of: path)
    }

    /// Reads `path`, checks its checksum over every byte, then reads its header.
    static func load(_ path: String) throws(BackupError) -> BackupFile {
        let descriptor = Foundation.open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw Self.ioError("cannot read the backup \(path)") }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw Self.ioError("cannot read the backup \(path)") }
        let size = Int(status.st_size)
        guard size >= magic.count + 2 + trailerLength else {
            throw BackupError(.malformed, "\(path) is too short to be a kmipgw backup (\(size) bytes)")
        }
        // The checksum first: nothing of a file that fails it is trusted, the header included.
        var digest = SHA256()
        var buffer = [UInt8](repeating: 0, count: chunk)
        var first: [UInt8] = []
        var remaining = size - trailerLength
        while remaining > 0 {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress!, min(chunk, remaining)) }
            guard count > 0 else { throw Self.ioError("cannot read the backup \(path)") }
            buffer.withUnsafeBytes { digest.update(bufferPointer: UnsafeRawBufferPointer(rebasing: $0[..<count])) }
            if first.count < maximumHeaderLength + magic.count {
                first += buffer[..<min(count, maximumHeaderLength + magic.count - first.count)]
            }
            remaining -= count
        }
        var trailer = [UInt8](repeating: 0, count: trailerLength)
        guard trailer.withUnsafeMutableBytes({ read(descriptor, $0.baseAddress!, trailerLength) }) == trailerLength else {
            throw Self.ioError("cannot read the backup \(path)")
        }
        guard first.starts(with: magic) else {
            throw BackupError(.malformed, "\(path) is not a kmipgw backup (it does not start with \"kmipgw backup\")")
        }
        let expected = Array(("sha256:" + TTLVText.hex(Array(digest.finalize())) + "\n").utf8)
        guard trailer == expected else {
            throw BackupError(
                .checksumMismatch,
                "\(path) fails its checksum: its bytes are not the bytes kmipgw wrote (corrupted or changed); nothing was used")
        }
        guard let newline = first[magic.count...].firstIndex(of: 0x0A) else {
            throw BackupError(.malformed, "\(path) has no header line")
        }
        let header: BackupHeader
        do {
            header = try JSONDecoder().decode(BackupHeader.self, from: Data(first[magic.count..<newline]))
        } catch {
            throw BackupError(.malformed, "\(path) has a header kmipgw cannot read: \(error)")
        }
        guard header.format == 1 else {
            throw BackupError(.malformed, "\(path) is a backup of format \(header.format); this kmipgw reads format 1")
        }
        let offset = newline + 1
        guard header.databaseBytes == size - trailerLength - offset else {
            throw BackupError(.malformed, "\(path) says it holds \(header.databaseBytes) database bytes but holds \(size - trailerLength - offset)")
        }
        return BackupFile(path: path, header: header, databaseOffset: offset)
    }

    /// Copies the database out of the backup to `target` (mode 0600), synced.
    func extractDatabase(to target: String) throws(BackupError) {
        let input = Foundation.open(path, O_RDONLY | O_CLOEXEC)
        guard input >= 0 else { throw Self.ioError("cannot read the backup \(path)") }
        defer { close(input) }
        let output = Foundation.open(target, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard output >= 0 else { throw Self.ioError("cannot create \(target)") }
        defer { close(output) }
        guard lseek(input, off_t(databaseOffset), SEEK_SET) == off_t(databaseOffset) else {
            throw Self.ioError("cannot read the backup \(path)")
        }
        var buffer = [UInt8](repeating: 0, count: Self.chunk)
        var remaining = header.databaseBytes
        while remaining > 0 {
            let count = buffer.withUnsafeMutableBytes { read(input, $0.baseAddress!, min(Self.chunk, remaining)) }
            guard count > 0 else { throw Self.ioError("cannot read the backup \(path)") }
            guard buffer.withUnsafeBytes({ Self.writeAll(output, UnsafeRawBufferPointer(rebasing: $0[..<count])) }) else {
                throw Self.ioError("cannot write \(target)")
            }
            remaining -= count
        }
        guard fsync(output) == 0 else { throw Self.ioError("cannot sync \(target)") }
    }

    static func syncDirectory(of path: String) {
        let directory = (path as NSString).deletingLastPathComponent
        let descriptor = Foundation.open(directory.isEmpty ? "." : directory, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        fsync(descriptor)
        close(descriptor)
    }

    /// Writes all of `bytes`, retrying short writes; false on an error (`errno` says which).
    static func writeAll(_ descriptor: Int32, _ bytes: UnsafeRawBufferPointer) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let written = Foundation.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if written < 0 && errno == EINTR { continue }
            guard written > 0 else { return false }
            offset += written
        }
        return true
    }

    static func ioError(_ what: String) -> BackupError {
        BackupError(.io, "\(what): \(String(cString: strerror(errno)))")
    }
}
