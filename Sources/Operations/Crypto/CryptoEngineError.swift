import KMIP
import TTLV

/// Why the cryptographic engine refused or failed a request.
///
/// Shaped like swift-certificates' `CertificateError`: a stable ``code`` (two errors are equal
/// when their codes are), a ``message`` naming the parameter at fault, and where it was raised.
/// Messages never hold data, key bytes, IVs or tags, and say no more about a failed decryption
/// than that it failed: a padding error told apart from a wrong key is a padding oracle.
public struct CryptoEngineError: Error, Hashable, Sendable {
    /// A stable identifier of the kind of failure, each with the KMIP 1.x Result Reason it maps to.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        enum Backing: String, Hashable, Sendable {
            case missingParameter, missingData, invalidParameter, unsupportedParameter, unsuitableKey
            case streamingNotSupported, authenticationFailed, decryptionFailed, cryptographicFailure
        }

        let backing: Backing

        /// A field of the Cryptographic Parameters the operation needs is in neither the request's
        /// nor the key's (Block Cipher Mode). Invalid Field: KMIP 1.4 §11 answers that for
        /// parameters that "do not exist or do not match".
        public static let missingParameter = Code(backing: .missingParameter)
        /// A request field the operation needs in this case is absent: Data, IV/Counter/Nonce,
        /// Authenticated Encryption Tag, MAC Data. Missing Data.
        public static let missingData = Code(backing: .missingData)
        /// A parameter or field has a value that cannot work: an IV of the wrong length, a tag
        /// length out of range, a Random IV with an IV given, padding on a mode without blocks.
        /// Invalid Field.
        public static let invalidParameter = Code(backing: .invalidParameter)
        /// A valid parameter this server does not offer: another block cipher mode, padding
        /// method or MAC hash. Feature Not Supported.
        public static let unsupportedParameter = Code(backing: .unsupportedParameter)
        /// The key cannot do this: an HMAC key asked to encrypt, an AES key of a length AES does
        /// not have, an algorithm the parameters contradict. Invalid Field.
        public static let unsuitableKey = Code(backing: .unsuitableKey)
        /// A multi-part operation (Correlation Value, Init or Final Indicator alone). Operation Not
        /// Supported: every operation is offered in one part only.
        public static let streamingNotSupported = Code(backing: .streamingNotSupported)
        /// An authenticated decryption whose tag does not match. Cryptographic Failure, as the
        /// OASIS KMIP 1.4 test case CS-BC-M-GCM-1-14 expects for a changed tag, IV or data.
        public static let authenticationFailed = Code(backing: .authenticationFailed)
        /// A decryption whose padding does not check. Cryptographic Failure.
        public static let decryptionFailed = Code(backing: .decryptionFailed)
        /// The cryptographic library failed where the checks before it said it would not.
        /// Cryptographic Failure.
        public static let cryptographicFailure = Code(backing: .cryptographicFailure)

        public var description: String { backing.rawValue }
    }

    public let code: Code
    /// What went wrong and which parameter; safe to put in a Result Message.
    public let message: String
    /// The request or Cryptographic Parameters field at fault, when there is one.
    public let field: Tag?
    /// Where the error was raised, for diagnostics.
    public let location: String

    public init(_ code: Code, _ message: String, field: Tag? = nil, fileID: String = #fileID, line: Int = #line) {
        self.code = code
        self.message = message
        self.field = field
        self.location = "\(fileID):\(line)"
    }

    /// The Result Reason a KMIP server answers with; every one is defined from KMIP 1.0 on.
    public var resultReason: ResultReason {
        switch code.backing {
        case .missingParameter, .invalidParameter, .unsuitableKey: .invalidField
        case .missingData: .missingData
        case .unsupportedParameter: .featureNotSupported
        case .streamingNotSupported: .operationNotSupported
        case .authenticationFailed, .decryptionFailed, .cryptographicFailure: .cryptographicFailure
        }
    }

    public static func == (lhs: CryptoEngineError, rhs: CryptoEngineError) -> Bool {
        lhs.code == rhs.code
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(code)
    }
}

extension CryptoEngineError: CustomStringConvertible {
    public var description: String { "\(code): \(message)" }
}
