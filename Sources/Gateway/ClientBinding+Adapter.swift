import KMIPServer

/// kmipgw binds each registered certificate to an adapter by the adapter's row id:
/// ``RegistryLoader`` puts it in, ``GatewayHandler`` reads it back to scope every request.
extension ClientBinding {
    init(adapterID: Int64) {
        self.init(rawValue: adapterID)
    }

    var adapterID: Int64 { rawValue }
}
