import TTLV

/// The decoded Request Payload of one batch item, by operation.
public enum RequestPayload: Hashable, Sendable {
    case discoverVersions(DiscoverVersionsRequest)
    case query(QueryRequest)
    case create(CreateRequest)
    case register(RegisterRequest)
    case get(GetRequest)
    case getAttributes(GetAttributesRequest)
    case getAttributeList(GetAttributeListRequest)
    case addAttribute(AddAttributeRequest)
    case modifyAttribute(ModifyAttributeRequest)
    case deleteAttribute(DeleteAttributeRequest)
    case activate(ActivateRequest)
    case revoke(RevokeRequest)
    case destroy(DestroyRequest)
    case locate(LocateRequest)
    /// An operation this implementation does not model; its payload is kept as received.
    case unsupported(Operation, TTLVItem)

    /// The operations with a modelled payload.
    public static let supportedOperations: [Operation] = [
        .discoverVersions, .query, .create, .register, .get, .getAttributes, .getAttributeList, .addAttribute,
        .modifyAttribute, .deleteAttribute, .activate, .revoke, .destroy, .locate,
    ]

    /// Decodes `item` (tagged Request Payload) as the payload of `operation`.
    public init(operation: Operation, ttlv item: TTLVItem) throws {
        switch operation {
        case .discoverVersions: self = .discoverVersions(try DiscoverVersionsRequest(ttlv: item))
        case .query: self = .query(try QueryRequest(ttlv: item))
        case .create: self = .create(try CreateRequest(ttlv: item))
        case .register: self = .register(try RegisterRequest(ttlv: item))
        case .get: self = .get(try GetRequest(ttlv: item))
        case .getAttributes: self = .getAttributes(try GetAttributesRequest(ttlv: item))
        case .getAttributeList: self = .getAttributeList(try GetAttributeListRequest(ttlv: item))
        case .addAttribute: self = .addAttribute(try AddAttributeRequest(ttlv: item))
        case .modifyAttribute: self = .modifyAttribute(try ModifyAttributeRequest(ttlv: item))
        case .deleteAttribute: self = .deleteAttribute(try DeleteAttributeRequest(ttlv: item))
        case .activate: self = .activate(try ActivateRequest(ttlv: item))
        case .revoke: self = .revoke(try RevokeRequest(ttlv: item))
        case .destroy: self = .destroy(try DestroyRequest(ttlv: item))
        case .locate: self = .locate(try LocateRequest(ttlv: item))
        default: self = .unsupported(operation, item)
        }
    }

    public var operation: Operation {
        switch self {
        case .discoverVersions: .discoverVersions
        case .query: .query
        case .create: .create
        case .register: .register
        case .get: .get
        case .getAttributes: .getAttributes
        case .getAttributeList: .getAttributeList
        case .addAttribute: .addAttribute
        case .modifyAttribute: .modifyAttribute
        case .deleteAttribute: .deleteAttribute
        case .activate: .activate
        case .revoke: .revoke
        case .destroy: .destroy
        case .locate: .locate
        case .unsupported(let operation, _): operation
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
        case .unsupported(_, let item): item
        }
    }
}
