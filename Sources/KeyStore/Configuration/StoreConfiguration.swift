/// Every configuration row at one generation, read in one snapshot: what the Reconciler diffs
/// against and what the server builds its Snapshot from.
public struct StoreConfiguration: Hashable, Sendable {
    public var generation: UInt64
    public var instances: [InstanceRecord]
    public var rootKeys: [RootKeyRecord]
    public var adapters: [AdapterRecord]
    public var certificates: [CertificateRecord]

    /// The certificate with that fingerprint and its adapter.
    public func binding(forFingerprint fingerprint: String) -> CertificateBinding? {
        guard let certificate = certificates.first(where: { $0.fingerprint == fingerprint.lowercased() }),
            let adapter = adapters.first(where: { $0.id == certificate.adapterID })
        else { return nil }
        return CertificateBinding(adapter: adapter, certificate: certificate)
    }
}
