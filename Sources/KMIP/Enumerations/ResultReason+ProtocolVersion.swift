/// Result Reasons by the protocol version that defines them.
///
/// The enumeration is shared by every version, but a response may only carry what its own
/// version defines: a KMIP 1.x client cannot be expected to know the reasons KMIP 2.0 added
/// (Wrong Key Lifecycle State, Attribute Not Found…). The OASIS 1.4 test cases show what 1.x
/// answers for those cases: Permission Denied for a lifecycle refusal (SKLC-M-2, SKLC-M-3).
extension ResultReason {
    /// The first protocol version that defines this reason, or `nil` for one no version names.
    public var since: ProtocolVersion? {
        switch rawValue {
        case 0x01...0x11, 0x100: .v1_0
        case 0x12: .v1_1
        case 0x13...0x15: .v1_2
        case 0x16...0x18: .v1_4
        case 0x19...0x47: ProtocolVersion(major: 2, minor: 0)
        default: nil
        }
    }

    /// The reason to put in a response of `version`: this one if that version defines it, else
    /// the reason that version's error tables give for the same case.
    public func expressed(in version: ProtocolVersion) -> ResultReason {
        if let since, since <= version { return self }
        switch self {
        case .attributeNotFound, .attributeInstanceNotFound, .objectNotFound, .keyValueNotPresent:
            return .itemNotFound
        case .wrongKeyLifecycleState, .objectDestroyed, .readOnlyAttribute, .attributeReadOnly, .notAuthorised,
            .sensitive, .notExtractable, .attestationRequired, .attestationFailed, .incompatibleCryptographicUsageMask:
            return .permissionDenied
        case .invalidAttribute, .invalidAttributeValue, .invalidDataType, .numericRange, .unsupportedAttribute,
            .multiValuedAttribute, .attributeSingleValued, .unknownEnumeration, .unknownTag, .invalidObjectType,
            .illegalObjectType:
            return .invalidField
        case .encodingOptionError, .keyWrapTypeNotSupported, .unsupportedCryptographicParameters:
            return .featureNotSupported
        default:
            return .generalFailure
        }
    }
}
