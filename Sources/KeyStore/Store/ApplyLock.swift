import Foundation

/// Serialises `kmipgw apply` runs on one store: held from before the plan is made until the
/// apply has committed, so a second apply waits and then plans against what the first left.
///
/// For the SQLite store it is an exclusive `flock(2)` on `apply.lock` in the state directory
/// (released by the kernel if the holder dies); the file names the holder for the message
/// another apply prints while it waits.
public final class ApplyLock: Sendable {
    private let descriptor: Int32

    private init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    /// Takes the lock of the store at `location`, waiting up to `timeout` for another holder.
    /// `onWait` is called once, with the holder's description, if the lock is taken.
    public static func acquire(
        _ location: StoreLocation, timeout: Duration, onWait: (String) -> Void = { _ in }
    ) throws(KeyStoreError) -> ApplyLock {
        let path = location.applyLockFile
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            let reason = String(cString: strerror(errno))
            if errno == EROFS || errno == EACCES || errno == EPERM {
                throw KeyStoreError(
                    .readOnly, "the state directory \(location.directory) cannot be written (\(reason)); apply needs write access")
            }
            throw KeyStoreError(.io, "cannot open the apply lock \(path): \(reason)")
        }
        let deadline = ContinuousClock.now + timeout
        var announced = false
        while flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            guard errno == EWOULDBLOCK || errno == EINTR else {
                let reason = String(cString: strerror(errno))
                close(descriptor)
                throw KeyStoreError(.io, "cannot take the apply lock \(path): \(reason)")
            }
            let holder = Self.holder(descriptor)
            guard ContinuousClock.now < deadline else {
                close(descriptor)
                throw KeyStoreError(
                    .applyLocked,
                    "another apply (\(holder)) still holds the apply lock of \(location.directory) after \(timeout); "
                        + "nothing was changed")
            }
            if !announced {
                onWait(holder)
                announced = true
            }
            usleep(50_000)
        }
        let note = "kmipgw apply, pid \(getpid()), since \(ISO8601DateFormatter().string(from: Date()))\n"
        ftruncate(descriptor, 0)
        _ = note.utf8CString.withUnsafeBufferPointer { pwrite(descriptor, $0.baseAddress, $0.count - 1, 0) }
        return ApplyLock(descriptor: descriptor)
    }

    private static func holder(_ descriptor: Int32) -> String {
        var buffer = [UInt8](repeating: 0, count: 200)
        let count = pread(descriptor, &buffer, buffer.count, 0)
        let text = count > 0 ? String(decoding: buffer.prefix(count), as: UTF8.self) : ""
        let line = text.split(separator: "\n").first.map(String.init) ?? ""
        return line.isEmpty ? "unknown holder" : line.filter { !$0.isASCII || $0.asciiValue! >= 0x20 }
    }

    deinit {
        // Closing the descriptor releases the lock.
        close(descriptor)
    }
}
