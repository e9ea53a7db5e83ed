import Foundation
import TTLV

/// The header of a request message (KMIP 1.4 §7.2).
public struct RequestHeader: KMIPStructure {
    public static let tag = Tag.requestHeader

    public var protocolVersion: ProtocolVersion
    public var maximumResponseSize: Int32?
    /// KMIP 1.4.
    public var clientCorrelationValue: String?
    /// KMIP 1.4.
    public var serverCorrelationValue: String?
    public var asynchronousIndicator: Bool?
    /// KMIP 1.2.
    public var attestationCapableIndicator: Bool?
    /// KMIP 1.2.
    public var attestationTypes: [AttestationType]
    public var authentication: Authentication?
    public var batchErrorContinuationOption: BatchErrorContinuationOption?
    public var batchOrderOption: Bool?
    public var timeStamp: Date?
    public var batchCount: Int32

    public init(
        protocolVersion: ProtocolVersion, maximumResponseSize: Int32? = nil, clientCorrelationValue: String? = nil,
        serverCorrelationValue: String? = nil, asynchronousIndicator: Bool? = nil,
        attestationCapableIndicator: Bool? = nil, attestationTypes: [AttestationType] = [],
        authentication: Authentication? = nil, batchErrorContinuationOption: BatchErrorContinuationOption? = nil,
        batchOrderOption: Bool? = nil, timeStamp: Date? = nil, batchCount: Int32
    ) {
        self.protocolVersion = protocolVersion
        self.maximumResponseSize = maximumResponseSize
        self.clientCorrelationValue = clientCorrelationValue
        self.serverCorrelationValue = serverCorrelationValue
        self.asynchronousIndicator = asynchronousIndicator
        self.attestationCapableIndicator = attestationCapableIndicator
        self.attestationTypes = attestationTypes
        self.authentication = authentication
        self.batchErrorContinuationOption = batchErrorContinuationOption
        self.batchOrderOption = batchOrderOption
        self.timeStamp = timeStamp
        self.batchCount = batchCount
    }

    public init(ttlv item: TTLVItem) throws {
        var reader = try StructureReader(item, expecting: Self.tag)
        self.protocolVersion = try reader.require(.protocolVersion)
        self.maximumResponseSize = try reader.optional(.maximumResponseSize)
        self.clientCorrelationValue = try reader.optional(.clientCorrelationValue)
        self.serverCorrelationValue = try reader.optional(.serverCorrelationValue)
        self.asynchronousIndicator = try reader.optional(.asynchronousIndicator)
        self.attestationCapableIndicator = try reader.optional(.attestationCapableIndicator)
        self.attestationTypes = try reader.repeated(.attestationType)
        self.authentication = try reader.optional(.authentication)
        self.batchErrorContinuationOption = try reader.optional(.batchErrorContinuationOption)
        self.batchOrderOption = try reader.optional(.batchOrderOption)
        self.timeStamp = try reader.optional(.timeStamp)
        self.batchCount = try reader.require(.batchCount)
        try reader.finish()
    }

    public func ttlv(version: ProtocolVersion) -> TTLVItem {
        var children = [protocolVersion.ttlv(version: version)]
        children.append(.maximumResponseSize, maximumResponseSize)
        if version >= .v1_4 {
            children.append(.clientCorrelationValue, clientCorrelationValue)
            children.append(.serverCorrelationValue, serverCorrelationValue)
        }
        children.append(.asynchronousIndicator, asynchronousIndicator)
        if version >= .v1_2 {
            children.append(.attestationCapableIndicator, attestationCapableIndicator)
            children += attestationTypes.map { TTLVItem(.attestationType, $0) }
        }
        children.append(authentication, version: version)
        children.append(.batchErrorContinuationOption, batchErrorContinuationOption)
        children.append(.batchOrderOption, batchOrderOption)
        children.append(.timeStamp, timeStamp)
        children.append(TTLVItem(.batchCount, batchCount))
        return .structure(Self.tag, children)
    }
}
