/// The names of the standard KMIP 1.x attributes, as they travel in Attribute Name fields.
public struct AttributeName: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: String

    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    public var description: String { rawValue }

    public static let uniqueIdentifier = AttributeName(rawValue: "Unique Identifier")
    public static let name = AttributeName(rawValue: "Name")
    public static let objectType = AttributeName(rawValue: "Object Type")
    public static let cryptographicAlgorithm = AttributeName(rawValue: "Cryptographic Algorithm")
    public static let cryptographicLength = AttributeName(rawValue: "Cryptographic Length")
    public static let cryptographicParameters = AttributeName(rawValue: "Cryptographic Parameters")
    public static let cryptographicDomainParameters = AttributeName(rawValue: "Cryptographic Domain Parameters")
    public static let certificateType = AttributeName(rawValue: "Certificate Type")
    public static let certificateLength = AttributeName(rawValue: "Certificate Length")
    public static let digitalSignatureAlgorithm = AttributeName(rawValue: "Digital Signature Algorithm")
    public static let digest = AttributeName(rawValue: "Digest")
    public static let operationPolicyName = AttributeName(rawValue: "Operation Policy Name")
    public static let cryptographicUsageMask = AttributeName(rawValue: "Cryptographic Usage Mask")
    public static let leaseTime = AttributeName(rawValue: "Lease Time")
    public static let usageLimits = AttributeName(rawValue: "Usage Limits")
    public static let state = AttributeName(rawValue: "State")
    public static let initialDate = AttributeName(rawValue: "Initial Date")
    public static let activationDate = AttributeName(rawValue: "Activation Date")
    public static let processStartDate = AttributeName(rawValue: "Process Start Date")
    public static let protectStopDate = AttributeName(rawValue: "Protect Stop Date")
    public static let deactivationDate = AttributeName(rawValue: "Deactivation Date")
    public static let destroyDate = AttributeName(rawValue: "Destroy Date")
    public static let compromiseOccurrenceDate = AttributeName(rawValue: "Compromise Occurrence Date")
    public static let compromiseDate = AttributeName(rawValue: "Compromise Date")
    public static let revocationReason = AttributeName(rawValue: "Revocation Reason")
    public static let archiveDate = AttributeName(rawValue: "Archive Date")
    public static let objectGroup = AttributeName(rawValue: "Object Group")
    public static let fresh = AttributeName(rawValue: "Fresh")
    public static let link = AttributeName(rawValue: "Link")
    public static let applicationSpecificInformation = AttributeName(rawValue: "Application Specific Information")
    public static let contactInformation = AttributeName(rawValue: "Contact Information")
    public static let lastChangeDate = AttributeName(rawValue: "Last Change Date")
    public static let alternativeName = AttributeName(rawValue: "Alternative Name")
    public static let keyValuePresent = AttributeName(rawValue: "Key Value Present")
    public static let keyValueLocation = AttributeName(rawValue: "Key Value Location")
    public static let originalCreationDate = AttributeName(rawValue: "Original Creation Date")
    public static let randomNumberGenerator = AttributeName(rawValue: "Random Number Generator")
    public static let pkcs12FriendlyName = AttributeName(rawValue: "PKCS#12 Friendly Name")
    public static let descriptionAttribute = AttributeName(rawValue: "Description")
    public static let comment = AttributeName(rawValue: "Comment")
    public static let sensitive = AttributeName(rawValue: "Sensitive")
    public static let alwaysSensitive = AttributeName(rawValue: "Always Sensitive")
    public static let extractable = AttributeName(rawValue: "Extractable")
    public static let neverExtractable = AttributeName(rawValue: "Never Extractable")
}
