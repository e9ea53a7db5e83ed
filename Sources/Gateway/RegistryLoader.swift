import KMIPServer
import KeyStore

/// Builds the server's client registry from the store's configuration: every registered
/// certificate, pinned by fingerprint and bound to its adapter.
public enum RegistryLoader {
    public static func registry(from configuration: StoreConfiguration) -> ClientRegistry {
        ClientRegistry(configuration.certificates.map { certificate in
            ClientRegistry.Entry(
                identity: ClientIdentity(
                    fingerprint: certificate.fingerprint, instance: certificate.instance, adapter: certificate.adapter,
                    binding: ClientBinding(adapterID: certificate.adapterID)),
                notValidBefore: certificate.notValidBefore, notValidAfter: certificate.notValidAfter)
        })
    }
}
