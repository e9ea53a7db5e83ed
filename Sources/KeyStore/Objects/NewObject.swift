import KMIP

/// What Create or Register hands the store: the object type, the key material (generated or
/// registered by the caller) and the client's template attributes.
///
/// Cryptographic Algorithm, Length and Usage Mask, and the Activation and Deactivation Dates,
/// become clear columns; an Activation Date not in the future makes the object Active at once.
/// Attributes only the server sets (Unique Identifier, State, Initial Date…) are refused.
public struct NewObject: Sendable {
    public var objectType: ObjectType
    public var material: [UInt8]
    public var attributes: [Attribute]

    public init(objectType: ObjectType, material: [UInt8], attributes: [Attribute]) {
        self.objectType = objectType
        self.material = material
        self.attributes = attributes
    }
}
