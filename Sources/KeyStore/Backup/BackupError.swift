/// Why a backup could not be made, verified or restored. Shaped like swift-certificates'
/// `CertificateError`: equality compares the code only. Never carries key material.
public struct BackupError: Error, Hashable, CustomStringConvertible, Sendable {
    /// The kind of failure, stable across messages.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Backing: Hashable, Sendable {
            case malformed, checksumMismatch, contentMismatch, targetNotEmpty, io, store
        }

        private let backing: Backing

        /// Not a kmipgw backup, or a part of it is missing or out of place.
        public static let malformed = Code(backing: .malformed)
        /// The file's bytes are not the bytes that were written: corruption or tampering.
        public static let checksumMismatch = Code(backing: .checksumMismatch)
        /// The backup's contents disagree with its header, or a row or object fails its check.
        public static let contentMismatch = Code(backing: .contentMismatch)
        /// `restore` into a store that already holds configuration or keys, without replacing.
        public static let targetNotEmpty = Code(backing: .targetNotEmpty)
        /// A file could not be read or written.
        public static let io = Code(backing: .io)
        /// The store refused: a wrong master key, an unreadable schema, a locked apply.
        public static let store = Code(backing: .store)

        public var description: String { "\(backing)" }
    }

    public let code: Code
    /// What went wrong, for the operator.
    public let reason: String
    public let file: String
    public let line: UInt

    init(_ code: Code, _ reason: String, file: String = #fileID, line: UInt = #line) {
        self.code = code
        self.reason = reason
        self.file = file
        self.line = line
    }

    public var description: String { reason }

    public static func == (lhs: BackupError, rhs: BackupError) -> Bool { lhs.code == rhs.code }
    public func hash(into hasher: inout Hasher) { hasher.combine(code) }
}
