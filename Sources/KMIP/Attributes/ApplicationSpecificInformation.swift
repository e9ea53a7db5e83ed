import TTLV

/// The Application Specific Information attribute: a namespace and data an application attaches.
public struct ApplicationSpecificInformation: KMIPStructure {
    public static let tag = Tag.applicationSpecificInformation

    public var applicationNamespace: String
    public var applicationData: String?

    public init(applicationNamespace: String, applicationData: String?) {
        self.applicationNamespace = applicationNamespace
        self.applicationData = applicationData
    }

    public init(ttlv item: TTLVItem) throws {
        var reader = try StructureReader(item, expecting: Self.tag)
        self.applicationNamespace = try reader.require(.applicationNamespace)
        self.applicationData = try reader.optional(.applicationData)
        try reader.finish()
    }

    public func ttlv(version: ProtocolVersion) -> TTLVItem {
        var children = [TTLVItem(.applicationNamespace, applicationNamespace)]
        children.append(.applicationData, applicationData)
        return .structure(.applicationSpecificInformation, children)
    }
}
