/// Activate (KMIP 1.4 §4.19): moves a Pre-Active object to Active and sets its Activation Date.
public struct ActivateRequest: KMIPRequestPayload, IdentifierPayload {
    public static let operation = Operation.activate

    public var uniqueIdentifier: String?

    public init(uniqueIdentifier: String? = nil) {
        self.uniqueIdentifier = uniqueIdentifier
    }
}

/// The activated object's identifier.
public struct ActivateResponse: KMIPResponsePayload, IdentifierPayload {
    public static let operation = Operation.activate

    public var uniqueIdentifier: String?

    public init(uniqueIdentifier: String?) {
        self.uniqueIdentifier = uniqueIdentifier
    }
}
