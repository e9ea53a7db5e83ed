import Foundation

/// The file-mode rules of a state directory, checked before the store is opened and when
/// `kmipgw init` adopts an existing directory. Refused, not repaired: whoever could write there
/// may already have replaced a file, and only the operator can tell.
enum StatePermissions {
    /// The directory must not be writable by group or others (they could swap the store, the
    /// server key or a symlink under it); the store and its `-wal` / `-shm` companions must not be
    /// readable or writable by them.
    static func check(_ location: StoreLocation) throws(KeyStoreError) {
        if let mode = mode(of: location.directory), mode & 0o022 != 0 {
            throw KeyStoreError(
                .statePermissions,
                "the state directory \(location.directory) has mode \(String(mode, radix: 8)); it must not be "
                    + "writable by group or others. Check what it holds, then chmod 700 it")
        }
        for file in [location.databaseFile, location.databaseFile + "-wal", location.databaseFile + "-shm"] {
            if let mode = mode(of: file), mode & 0o077 != 0 {
                throw KeyStoreError(
                    .statePermissions,
                    "the store file \(file) has mode \(String(mode, radix: 8)); it must not be readable or writable "
                        + "by group or others (chmod 600)")
            }
        }
    }

    /// The permission bits of what `path` names (a symlink's target), or `nil` if nothing is there.
    static func mode(of path: String) -> Int? {
        let target = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
        let attributes = try? FileManager.default.attributesOfItem(atPath: target)
        return (attributes?[.posixPermissions] as? NSNumber)?.intValue
    }
}
