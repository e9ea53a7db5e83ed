import TTLV

/// Add Attribute (KMIP 1.4 §4.14): a new instance of an attribute; the server picks its index.
public struct AddAttributeRequest: KMIPRequestPayload, AttributeChangePayload {
    public static let operation = Operation.addAttribute

    public var uniqueIdentifier: String?
    public var attribute: Attribute

    public init(uniqueIdentifier: String?, attribute: Attribute) {
        self.uniqueIdentifier = uniqueIdentifier
        self.attribute = attribute
    }
}

/// The attribute as stored, with its index.
public struct AddAttributeResponse: KMIPResponsePayload, AttributeChangePayload {
    public static let operation = Operation.addAttribute

    public var uniqueIdentifier: String?
    public var attribute: Attribute

    public init(uniqueIdentifier: String?, attribute: Attribute) {
        self.uniqueIdentifier = uniqueIdentifier
        self.attribute = attribute
    }
}
