import KMIP
import TTLV

/// The payload types the harness decodes. Messages keep their payloads as items, and the server
/// reads them through its registry of operations, which this harness does not link; so the
/// payload decoders are fuzzed from this list, every type against every payload, whatever
/// operation the batch item names. A type missing here loses fuzzing, nothing else.
enum FuzzedPayloads {
    static let requests: [any KMIPRequestPayload.Type] = [
        DiscoverVersionsRequest.self, QueryRequest.self, CreateRequest.self, RegisterRequest.self, GetRequest.self,
        GetAttributesRequest.self, GetAttributeListRequest.self, AddAttributeRequest.self, ModifyAttributeRequest.self,
        DeleteAttributeRequest.self, ActivateRequest.self, RevokeRequest.self, DestroyRequest.self, LocateRequest.self,
        EncryptRequest.self, DecryptRequest.self, MACRequest.self, MACVerifyRequest.self, RNGRetrieveRequest.self,
        ReKeyRequest.self,
    ]
    static let responses: [any KMIPResponsePayload.Type] = [
        DiscoverVersionsResponse.self, QueryResponse.self, CreateResponse.self, RegisterResponse.self, GetResponse.self,
        GetAttributesResponse.self, GetAttributeListResponse.self, AddAttributeResponse.self, ModifyAttributeResponse.self,
        DeleteAttributeResponse.self, ActivateResponse.self, RevokeResponse.self, DestroyResponse.self, LocateResponse.self,
        EncryptResponse.self, DecryptResponse.self, MACResponse.self, MACVerifyResponse.self, RNGRetrieveResponse.self,
        ReKeyResponse.self,
    ]

    /// Decodes `item` as each type; whatever decodes must encode without trapping.
    static func decode(_ item: TTLVItem, as types: [any KMIPStructure.Type], version: ProtocolVersion) {
        for type in types {
            if let payload = try? type.init(ttlv: item) {
                _ = payload.ttlv(version: version)
            }
        }
    }
}
