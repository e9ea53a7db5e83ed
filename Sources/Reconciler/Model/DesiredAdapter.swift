import KeyStore

/// An adapter: one KMIP tenant of an instance (typically one vCenter), reachable by the listed
/// client certificates, whose keys are wrapped by one root key.
public struct DesiredAdapter: Hashable, Sendable {
    /// The adapter name, unique in its instance.
    public var name: String
    /// A free-text description, when given.
    public var description: String?
    /// The name of the instance's root key that wraps this adapter's KMIP keys.
    public var rootKey: String
    /// The adapter's quotas (``AdapterLimits/default`` where the files set none).
    public var limits: AdapterLimits
    /// Client certificates allowed to connect as this adapter, in declaration order.
    public var certificates: [DesiredCertificate]
    /// Where it is declared.
    public var source: SourceLocation

    /// Creates an adapter.
    public init(
        name: String,
        description: String?,
        rootKey: String,
        limits: AdapterLimits = .default,
        certificates: [DesiredCertificate],
        source: SourceLocation
    ) {
        self.limits = limits
        self.name = name
        self.description = description
        self.rootKey = rootKey
        self.certificates = certificates
        self.source = source
    }
}
