/// The order in which one apply transaction runs its store operations, whatever the display
/// order: parents before children, certificate removals before additions (a certificate that
/// moves or is renamed keeps its fingerprint, which is unique in the store), re-pointing adapters
/// before their old root keys are deleted, and deletions last.
enum ApplyPhase: Int, Hashable, Sendable, Comparable {
    case createInstance
    case createRootKey
    case removeCertificate
    case writeAdapter
    case addCertificate
    case deleteAdapter
    case deleteRootKey
    case deleteInstance

    static func < (lhs: ApplyPhase, rhs: ApplyPhase) -> Bool {
        lhs.rawValue < rhs.rawValue
    }
}
