import TTLV

/// The decoded Response Payload of one batch item, by operation.
public enum ResponsePayload: Hashable, Sendable {
    case discoverVersions(DiscoverVersionsResponse)
    case query(QueryResponse)
    case create(CreateResponse)
    case register(RegisterResponse)
    case get(GetResponse)
    case getAttributes(GetAttributesResponse)
    case getAttributeList(GetAttributeListResponse)
    case addAttribute(AddAttributeResponse)
    case modifyAttribute(ModifyAttributeResponse)
    case deleteAttribute(DeleteAttributeResponse)
    case activate(ActivateResponse)
    case revoke(RevokeResponse)
    case destroy(DestroyResponse)
    case locate(LocateResponse)
    /// A payload of an operation this implementation does not model, or of an unnamed operation.
    case raw(TTLVItem)

    /// Decodes `item` (tagged Response Payload) as the payload of `operation`.
    public init(operation: Operation?, ttlv item: TTLVItem) throws {
        switch operation {
        case .discoverVersions?: self = .discoverVersions(try DiscoverVersionsResponse(ttlv: item))
        case .query?: self = .query(try QueryResponse(ttlv: item))
        case .create?: self = .create(try CreateResponse(ttlv: item))
        case .register?: self = .register(try RegisterResponse(ttlv: item))
        case .get?: self = .get(try GetResponse(ttlv: item))
        case .getAttributes?: self = .getAttributes(try GetAttributesResponse(ttlv: item))
        case .getAttributeList?: self = .getAttributeList(try GetAttributeListResponse(ttlv: item))
        case .addAttribute?: self = .addAttribute(try AddAttributeResponse(ttlv: item))
        case .modifyAttribute?: self = .modifyAttribute(try ModifyAttributeResponse(ttlv: item))
        case .deleteAttribute?: self = .deleteAttribute(try DeleteAttributeResponse(ttlv: item))
        case .activate?: self = .activate(try ActivateResponse(ttlv: item))
        case .revoke?: self = .revoke(try RevokeResponse(ttlv: item))
        case .destroy?: self = .destroy(try DestroyResponse(ttlv: item))
        case .locate?: self = .locate(try LocateResponse(ttlv: item))
        default: self = .raw(item)
        }
    }

    public func ttlv(version: ProtocolVersion) -> TTLVItem {
        switch self {
        case .discoverVersions(let payload): payload.ttlv(version: version)
        case .query(let payload): payload.ttlv(version: version)
        case .create(let payload): payload.ttlv(version: version)
        case .register(let payload): payload.ttlv(version: version)
        case .get(let payload): payload.ttlv(version: version)
        case .getAttributes(let payload): payload.ttlv(version: version)
        case .getAttributeList(let payload): payload.ttlv(version: version)
        case .addAttribute(let payload): payload.ttlv(version: version)
        case .modifyAttribute(let payload): payload.ttlv(version: version)
        case .deleteAttribute(let payload): payload.ttlv(version: version)
        case .activate(let payload): payload.ttlv(version: version)
        case .revoke(let payload): payload.ttlv(version: version)
        case .destroy(let payload): payload.ttlv(version: version)
        case .locate(let payload): payload.ttlv(version: version)
        case .raw(let item): item
        }
    }
}
