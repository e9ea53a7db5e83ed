import TTLV

/// Modify Attribute (KMIP 1.4 §4.15): a new value for one existing instance of an attribute.
public struct ModifyAttributeRequest: KMIPRequestPayload, AttributeChangePayload {
    public static let operation = Operation.modifyAttribute

    public var uniqueIdentifier: String?
    public var attribute: Attribute

    public init(uniqueIdentifier: String?, attribute: Attribute) {
        self.uniqueIdentifier = uniqueIdentifier
        self.attribute = attribute
    }
}

/// The attribute as stored after the change.
public struct ModifyAttributeResponse: KMIPResponsePayload, AttributeChangePayload {
    public static let operation = Operation.modifyAttribute

    public var uniqueIdentifier: String?
    public var attribute: Attribute

    public init(uniqueIdentifier: String?, attribute: Attribute) {
        self.uniqueIdentifier = uniqueIdentifier
        self.attribute = attribute
    }
}
