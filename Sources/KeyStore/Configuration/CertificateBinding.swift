/// What the server's handshake check needs: the adapter a certificate fingerprint belongs to.
public struct CertificateBinding: Hashable, Sendable {
    public var adapter: AdapterRecord
    public var certificate: CertificateRecord
}
