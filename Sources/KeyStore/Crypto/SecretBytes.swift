import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Overwrites buffers that held key bytes before they are released, in a way the optimiser may
/// not drop as a dead store (`explicit_bzero`, `memset_s`). Swift gives no guarantee that no other
/// copy exists; this clears the buffers kmipgw itself reads keys into. `SymmetricKey` clears its
/// own storage.
enum SecretBytes {
    /// Sets every byte of `bytes` to zero.
    static func zero(_ bytes: inout [UInt8]) {
        bytes.withUnsafeMutableBytes { buffer in
            guard let base = buffer.baseAddress, buffer.count > 0 else { return }
            #if canImport(Darwin)
            _ = memset_s(base, buffer.count, 0, buffer.count)
            #else
            explicit_bzero(base, buffer.count)
            #endif
        }
    }
}
