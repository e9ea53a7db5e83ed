extension Diagnostic {
    /// The rule a diagnostic comes from.
    ///
    /// Shaped like swift-certificates' `CertificateError.ErrorCode`: a struct over a private enum, so
    /// rules can be added without breaking callers that switch on known codes. `description` is a
    /// stable kebab-case name (`adapter-name-length`), used in JSON output and in `examples/bad/`.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        fileprivate enum Backing: String, Hashable, Sendable {
            case yamlSyntax = "yaml-syntax"
            case duplicateKey = "duplicate-key"
            case unreadableFile = "unreadable-file"
            case noConfigurationFiles = "no-configuration-files"
            case emptyFile = "empty-file"
            case documentTooLarge = "document-too-large"
            case aliasKey = "alias-key"
            case unsupportedAPIVersion = "unsupported-api-version"
            case missingField = "missing-field"
            case unknownField = "unknown-field"
            case wrongType = "wrong-type"
            case instanceName = "instance-name"
            case rootKeyName = "root-key-name"
            case duplicateRootKey = "duplicate-root-key"
            case adapterNameLength = "adapter-name-length"
            case adapterNameCharacters = "adapter-name-characters"
            case duplicateAdapter = "duplicate-adapter"
            case descriptionLength = "description-length"
            case unknownRootKey = "unknown-root-key"
            case tooManyAdapters = "too-many-adapters"
            case adapterWithoutCertificates = "adapter-without-certificates"
            case certificateName = "certificate-name"
            case duplicateCertificate = "duplicate-certificate"
            case pemSourceMissing = "pem-source-missing"
            case pemSourceConflict = "pem-source-conflict"
            case pemFileUnreadable = "pem-file-unreadable"
            case privateKey = "private-key"
            case pemNoCertificate = "pem-no-certificate"
            case pemMultipleCertificates = "pem-multiple-certificates"
            case pemInvalid = "pem-invalid"
            case certificateInvalid = "certificate-invalid"
            case tooManyCertificates = "too-many-certificates"
            case limitOutOfRange = "limit-out-of-range"
            case certificateReused = "certificate-reused"
            case certificateExpired = "certificate-expired"
            case certificateNotYetValid = "certificate-not-yet-valid"
        }

        private var backing: Backing

        private init(_ backing: Backing) {
            self.backing = backing
        }

        /// Looks a code up by its kebab-case name; `nil` for names no rule has.
        public init?(name: String) {
            guard let backing = Backing(rawValue: name) else { return nil }
            self.backing = backing
        }

        /// The stable kebab-case name.
        public var description: String { backing.rawValue }

        /// The YAML does not parse; the position is libyaml's.
        public static let yamlSyntax = Code(.yamlSyntax)
        /// A mapping holds the same key twice.
        public static let duplicateKey = Code(.duplicateKey)
        /// A named path or file cannot be read (missing, permissions, not UTF-8).
        public static let unreadableFile = Code(.unreadableFile)
        /// A directory holds no `*.yaml` or `*.yml` file, or no path was given.
        public static let noConfigurationFiles = Code(.noConfigurationFiles)
        /// A file holds no YAML document (warning).
        public static let emptyFile = Code(.emptyFile)
        /// A file passes what is left of the run's budget (``ValidationBudget``): bytes, or nodes as
        /// written or with aliases expanded. It is not read.
        public static let documentTooLarge = Code(.documentTooLarge)
        /// An alias stands for a mapping key. Refused before composing: hashing the tree an alias
        /// key stands for is what no node budget can bound.
        public static let aliasKey = Code(.aliasKey)
        /// `apiVersion` is not `kmipgw/v1`.
        public static let unsupportedAPIVersion = Code(.unsupportedAPIVersion)
        /// A required field is absent.
        public static let missingField = Code(.missingField)
        /// A field the format does not define (often a typo).
        public static let unknownField = Code(.unknownField)
        /// A field holds the wrong kind of value (a list where a string belongs, a number for a name…).
        public static let wrongType = Code(.wrongType)
        /// An instance name breaks the name rule.
        public static let instanceName = Code(.instanceName)
        /// A root-key name breaks the name rule.
        public static let rootKeyName = Code(.rootKeyName)
        /// A root key is defined twice in one instance.
        public static let duplicateRootKey = Code(.duplicateRootKey)
        /// An adapter name is not 2–40 characters long.
        public static let adapterNameLength = Code(.adapterNameLength)
        /// An adapter name holds characters outside the allowed set.
        public static let adapterNameCharacters = Code(.adapterNameCharacters)
        /// An adapter is defined twice in one instance.
        public static let duplicateAdapter = Code(.duplicateAdapter)
        /// An adapter description is not 2–240 characters long.
        public static let descriptionLength = Code(.descriptionLength)
        /// An adapter's `rootKey` names no root key of its instance.
        public static let unknownRootKey = Code(.unknownRootKey)
        /// An instance has more than 200 adapters.
        public static let tooManyAdapters = Code(.tooManyAdapters)
        /// An adapter lists no certificate, so no client can connect to it (warning).
        public static let adapterWithoutCertificates = Code(.adapterWithoutCertificates)
        /// A certificate name breaks the name rule.
        public static let certificateName = Code(.certificateName)
        /// A certificate name is used twice in one adapter.
        public static let duplicateCertificate = Code(.duplicateCertificate)
        /// A certificate has neither `pem` nor `pemFile`.
        public static let pemSourceMissing = Code(.pemSourceMissing)
        /// A certificate has both `pem` and `pemFile`.
        public static let pemSourceConflict = Code(.pemSourceConflict)
        /// A `pemFile` cannot be read.
        public static let pemFileUnreadable = Code(.pemFileUnreadable)
        /// The PEM holds a private key. The message names the block type, never the key.
        public static let privateKey = Code(.privateKey)
        /// The PEM has no BEGIN CERTIFICATE … END CERTIFICATE block.
        public static let pemNoCertificate = Code(.pemNoCertificate)
        /// The PEM holds more than one certificate; each belongs in its own entry.
        public static let pemMultipleCertificates = Code(.pemMultipleCertificates)
        /// The PEM block does not decode (bad base64, empty body).
        public static let pemInvalid = Code(.pemInvalid)
        /// An adapter's `limits` value is outside what kmipgw allows.
        public static let limitOutOfRange = Code(.limitOutOfRange)
        /// The PEM decodes but the DER is not an X.509 certificate.
        public static let certificateInvalid = Code(.certificateInvalid)
        /// An adapter has more than 200 certificates.
        public static let tooManyCertificates = Code(.tooManyCertificates)
        /// The same certificate (SHA-256 fingerprint) is listed twice across the gateway.
        public static let certificateReused = Code(.certificateReused)
        /// The certificate's notAfter is in the past (warning).
        public static let certificateExpired = Code(.certificateExpired)
        /// The certificate's notBefore is in the future (warning).
        public static let certificateNotYetValid = Code(.certificateNotYetValid)
    }
}
