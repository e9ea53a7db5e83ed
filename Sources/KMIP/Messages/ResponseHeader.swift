import Foundation
import TTLV

/// The header of a response message (KMIP 1.4 §7.2).
public struct ResponseHeader: KMIPStructure {
    public static let tag = Tag.responseHeader

    public var protocolVersion: ProtocolVersion
    public var timeStamp: Date
    /// KMIP 1.2: a Nonce for attestation, kept as received.
    public var nonce: TTLVItem?
    /// KMIP 1.2.
    public var attestationTypes: [AttestationType]
    /// KMIP 1.4.
    public var clientCorrelationValue: String?
    /// KMIP 1.4.
    public var serverCorrelationValue: String?
    public var batchCount: Int32

    public init(
        protocolVersion: ProtocolVersion, timeStamp: Date, nonce: TTLVItem? = nil, attestationTypes: [AttestationType] = [],
        clientCorrelationValue: String? = nil, serverCorrelationValue: String? = nil, batchCount: Int32
    ) {
        self.protocolVersion = protocolVersion
        self.timeStamp = timeStamp
        self.nonce = nonce
        self.attestationTypes = attestationTypes
        self.clientCorrelationValue = clientCorrelationValue
        self.serverCorrelationValue = serverCorrelationValue
        self.batchCount = batchCount
    }

    public init(ttlv item: TTLVItem) throws {
        var reader = try StructureReader(item, expecting: Self.tag)
        self.protocolVersion = try reader.require(.protocolVersion)
        self.timeStamp = try reader.require(.timeStamp)
        self.nonce = reader.optionalItem(.nonce)
        self.attestationTypes = try reader.repeated(.attestationType)
        self.clientCorrelationValue = try reader.optional(.clientCorrelationValue)
        self.serverCorrelationValue = try reader.optional(.serverCorrelationValue)
        self.batchCount = try reader.require(.batchCount)
        try reader.finish()
    }

    public func ttlv(version: ProtocolVersion) -> TTLVItem {
        var children = [protocolVersion.ttlv(version: version), TTLVItem(.timeStamp, timeStamp)]
        if version >= .v1_2 {
            if let nonce { children.append(nonce) }
            children += attestationTypes.map { TTLVItem(.attestationType, $0) }
        }
        if version >= .v1_4 {
            children.append(.clientCorrelationValue, clientCorrelationValue)
            children.append(.serverCorrelationValue, serverCorrelationValue)
        }
        children.append(TTLVItem(.batchCount, batchCount))
        return .structure(Self.tag, children)
    }
}
