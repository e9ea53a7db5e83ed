/// Destroy (KMIP 1.4 §4.21): erases an object's key material for good; refused while Active.
public struct DestroyRequest: KMIPRequestPayload, IdentifierPayload {
    public static let operation = Operation.destroy

    public var uniqueIdentifier: String?

    public init(uniqueIdentifier: String? = nil) {
        self.uniqueIdentifier = uniqueIdentifier
    }
}

/// The destroyed object's identifier.
public struct DestroyResponse: KMIPResponsePayload, IdentifierPayload {
    public static let operation = Operation.destroy

    public var uniqueIdentifier: String?

    public init(uniqueIdentifier: String?) {
        self.uniqueIdentifier = uniqueIdentifier
    }
}
