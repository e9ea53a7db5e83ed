import Crypto
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The 256-bit master key, read from its file. It only feeds ``KeyHierarchy``.
struct MasterKey: Sendable {
    let key: SymmetricKey

    init(key: SymmetricKey) {
        self.key = key
    }

    /// Reads 32 raw bytes, or 64 hexadecimal digits (with an optional trailing newline, as
    /// `openssl rand -hex 32 > file` writes). The file must not be readable by group or others.
    ///
    /// A symlink is judged by the file it points to (Kubernetes mounts a Secret as symlinks into a
    /// `..data` directory): the file is opened first and its mode read from the open descriptor,
    /// so what is checked is what is read. The bytes read are zeroed before this returns.
    static func load(from path: String) throws(KeyStoreError) -> MasterKey {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            throw KeyStoreError(
                .masterKeyMissing,
                "master key file \(path) does not exist or cannot be read; run `kmipgw init`, or name the key "
                    + "with --master-key-file / $\(StoreLocation.masterKeyEnvironmentVariable)")
        }
        defer { close(fd) }
        var status = stat()
        guard fstat(fd, &status) == 0, status.st_mode & S_IFMT == S_IFREG else {
            throw KeyStoreError(.masterKeyInvalid, "master key file \(path) is not a regular file")
        }
        let mode = Int(status.st_mode) & 0o777
        if mode & 0o077 != 0 {
            let target = Self.isSymlink(path) ? " (the file the symlink points to)" : ""
            throw KeyStoreError(
                .masterKeyInsecure,
                "master key file \(path)\(target) has mode \(String(mode, radix: 8)); it must not be readable by "
                    + "group or others (chmod 600, or defaultMode: 0400 for a Kubernetes Secret)")
        }
        // One byte more than the longest accepted form (64 digits and CR LF) tells "too long" apart.
        var bytes = [UInt8](repeating: 0, count: 67)
        defer { SecretBytes.zero(&bytes) }
        var count = 0
        while count < bytes.count {
            let got = bytes.withUnsafeMutableBytes { read(fd, $0.baseAddress! + count, $0.count - count) }
            if got < 0, errno == EINTR { continue }
            guard got >= 0 else {
                throw KeyStoreError(.masterKeyMissing, "master key file \(path) cannot be read")
            }
            if got == 0 { break }
            count += got
        }
        if count == 32 {
            return MasterKey(key: SymmetricKey(data: bytes[..<32]))
        }
        let whitespace: Set<UInt8> = [0x20, 0x09, 0x0A, 0x0D]
        var digits = bytes[..<count]
        while let last = digits.last, whitespace.contains(last) { digits = digits.dropLast() }
        while let first = digits.first, whitespace.contains(first) { digits = digits.dropFirst() }
        if digits.count == 64, var decoded = Self.hexBytes(digits) {
            defer { SecretBytes.zero(&decoded) }
            return MasterKey(key: SymmetricKey(data: decoded))
        }
        let size = count == bytes.count ? "more than \(bytes.count - 1)" : "\(count)"
        throw KeyStoreError(
            .masterKeyInvalid,
            "master key file \(path) holds \(size) bytes; expected 32 raw bytes or 64 hexadecimal digits")
    }

    private static func isSymlink(_ path: String) -> Bool {
        var status = stat()
        return lstat(path, &status) == 0 && status.st_mode & S_IFMT == S_IFLNK
    }

    /// Creates a new random key file with mode 0600; refuses to overwrite an existing file.
    static func create(at path: String) throws(KeyStoreError) -> MasterKey {
        let key = SymmetricKey(size: .bits256)
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            throw KeyStoreError(.io, "cannot create master key file \(path): \(String(cString: strerror(errno)))")
        }
        defer { close(fd) }
        // Written straight from the key's own storage, which SymmetricKey zeroes: no copy to clear.
        let written = key.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        guard written == 32, fsync(fd) == 0 else {
            unlink(path)
            throw KeyStoreError(.io, "cannot write master key file \(path): \(String(cString: strerror(errno)))")
        }
        return MasterKey(key: key)
    }

    static func hexBytes(_ digits: ArraySlice<UInt8>) -> [UInt8]? {
        var result: [UInt8] = []
        result.reserveCapacity(digits.count / 2)
        var iterator = digits.makeIterator()
        while let high = iterator.next() {
            guard let low = iterator.next(), let h = hexValue(high), let l = hexValue(low) else {
                SecretBytes.zero(&result)
                return nil
            }
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
