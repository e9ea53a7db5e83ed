import Crypto
import Foundation

/// The 256-bit master key, read from its file. It only feeds ``KeyHierarchy``.
struct MasterKey: Sendable {
    let key: SymmetricKey

    init(key: SymmetricKey) {
        self.key = key
    }

    /// Reads 32 raw bytes, or 64 hexadecimal digits (with an optional trailing newline, as
    /// `openssl rand -hex 32 > file` writes). The file must not be readable by group or others.
    static func load(from path: String) throws(KeyStoreError) -> MasterKey {
        let attributes: [FileAttributeKey: Any]
        do {
            attributes = try FileManager.default.attributesOfItem(atPath: path)
        } catch {
            throw KeyStoreError(
                .masterKeyMissing,
                "master key file \(path) does not exist or cannot be read; run `kmipgw init`, or name the key "
                    + "with --master-key-file / $\(StoreLocation.masterKeyEnvironmentVariable)")
        }
        if let mode = (attributes[.posixPermissions] as? NSNumber)?.intValue, mode & 0o077 != 0 {
            throw KeyStoreError(
                .masterKeyInsecure,
                "master key file \(path) has mode \(String(mode, radix: 8)); it must not be readable by group "
                    + "or others (chmod 600)")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw KeyStoreError(.masterKeyMissing, "master key file \(path) cannot be read")
        }
        let bytes = Array(data)
        if bytes.count == 32 {
            return MasterKey(key: SymmetricKey(data: bytes))
        }
        let text = String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        if text.utf8.count == 64, let decoded = Self.hexBytes(text) {
            return MasterKey(key: SymmetricKey(data: decoded))
        }
        throw KeyStoreError(
            .masterKeyInvalid,
            "master key file \(path) holds \(bytes.count) bytes; expected 32 raw bytes or 64 hexadecimal digits")
    }

    /// Creates a new random key file with mode 0600; refuses to overwrite an existing file.
    static func create(at path: String) throws(KeyStoreError) -> MasterKey {
        let key = SymmetricKey(size: .bits256)
        let bytes = key.withUnsafeBytes { Data($0) }
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            throw KeyStoreError(.io, "cannot create master key file \(path): \(String(cString: strerror(errno)))")
        }
        defer { close(fd) }
        let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        guard written == bytes.count, fsync(fd) == 0 else {
            unlink(path)
            throw KeyStoreError(.io, "cannot write master key file \(path): \(String(cString: strerror(errno)))")
        }
        return MasterKey(key: key)
    }

    static func hexBytes(_ text: String) -> [UInt8]? {
        var result: [UInt8] = []
        var iterator = text.utf8.makeIterator()
        while let high = iterator.next() {
            guard let low = iterator.next(), let h = hexValue(high), let l = hexValue(low) else { return nil }
            result.append(h << 4 | l)
        }
        return result
    }

    private static func hexValue(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): c - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): c - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): c - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
