import TTLV

/// Query (KMIP 1.4 §4.25): what the server supports — operations, object types, who it is.
public struct QueryRequest: KMIPRequestPayload {
    public static let operation = Operation.query

    public var queryFunctions: [QueryFunction]

    public init(queryFunctions: [QueryFunction]) {
        self.queryFunctions = queryFunctions
    }

    public init(ttlv item: TTLVItem) throws {
        var reader = try StructureReader(item, expecting: Self.tag)
        self.queryFunctions = try reader.repeated(.queryFunction)
        try reader.finish()
    }

    public func ttlv(version: ProtocolVersion) -> TTLVItem {
        .structure(Self.tag, queryFunctions.map { TTLVItem(.queryFunction, $0) })
    }
}

/// The answer to a Query. Fields a protocol version lacks are not written for that version.
public struct QueryResponse: KMIPResponsePayload {
    public static let operation = Operation.query

    public var operations: [Operation]
    public var objectTypes: [ObjectType]
    public var vendorIdentification: String?
    /// Server Information is a structure whose content the specification leaves to the vendor.
    public var serverInformation: [TTLVItem]?
    public var applicationNamespaces: [String]
    /// KMIP 1.1 and later.
    public var extensionInformation: [TTLVItem]
    /// KMIP 1.2 and later.
    public var attestationTypes: [AttestationType]
    /// KMIP 1.3 and later: RNG Parameters, Profile Information, Validation Information,
    /// Capability Information, kept as items.
    public var laterInformation: [TTLVItem]
    /// KMIP 1.3 and later.
    public var clientRegistrationMethods: [ClientRegistrationMethod]

    public init(
        operations: [Operation] = [], objectTypes: [ObjectType] = [], vendorIdentification: String? = nil,
        serverInformation: [TTLVItem]? = nil, applicationNamespaces: [String] = [],
        extensionInformation: [TTLVItem] = [], attestationTypes: [AttestationType] = [],
        laterInformation: [TTLVItem] = [], clientRegistrationMethods: [ClientRegistrationMethod] = []
    ) {
        self.operations = operations
        self.objectTypes = objectTypes
        self.vendorIdentification = vendorIdentification
        self.serverInformation = serverInformation
        self.applicationNamespaces = applicationNamespaces
        self.extensionInformation = extensionInformation
        self.attestationTypes = attestationTypes
        self.laterInformation = laterInformation
        self.clientRegistrationMethods = clientRegistrationMethods
    }

    static let laterTags: [Tag] = [.rngParameters, .profileInformation, .validationInformation, .capabilityInformation]

    public init(ttlv item: TTLVItem) throws {
        var reader = try StructureReader(item, expecting: Self.tag)
        self.operations = try reader.repeated(.operation)
        self.objectTypes = try reader.repeated(.objectType)
        self.vendorIdentification = try reader.optional(.vendorIdentification)
        self.serverInformation = reader.optionalItem(.serverInformation)?.children
        self.applicationNamespaces = try reader.repeated(.applicationNamespace)
        var extensions: [TTLVItem] = []
        while let field = reader.optionalItem(.extensionInformation) { extensions.append(field) }
        self.extensionInformation = extensions
        self.attestationTypes = try reader.repeated(.attestationType)
        self.laterInformation = reader.takeAll { Self.laterTags.contains($0.tag) }
        self.clientRegistrationMethods = try reader.repeated(.clientRegistrationMethod)
        try reader.finish()
    }

    public func ttlv(version: ProtocolVersion) -> TTLVItem {
        var children = operations.map { TTLVItem(.operation, $0) }
        children += objectTypes.map { TTLVItem(.objectType, $0) }
        children.append(.vendorIdentification, vendorIdentification)
        if let serverInformation {
            children.append(.structure(.serverInformation, serverInformation))
        }
        children += applicationNamespaces.map { TTLVItem(.applicationNamespace, $0) }
        if version >= .v1_1 {
            children += extensionInformation
        }
        if version >= .v1_2 {
            children += attestationTypes.map { TTLVItem(.attestationType, $0) }
        }
        if version >= .v1_3 {
            children += laterInformation
            children += clientRegistrationMethods.map { TTLVItem(.clientRegistrationMethod, $0) }
        }
        return .structure(Self.tag, children)
    }
}
