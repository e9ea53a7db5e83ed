import Foundation
import KMIP
import TTLV

/// One-operation helpers: each sends a single batch item, throws
/// ``KMIPClientError/Code/operationFailed`` (with the Result Reason) when the server refuses it,
/// and returns the typed payload.
extension KMIPClientConnection {
    /// Discover Versions; an empty list asks for every version the server speaks.
    public func discoverVersions(_ versions: [ProtocolVersion] = []) async throws -> [ProtocolVersion] {
        let response = try await perform(DiscoverVersionsRequest(protocolVersions: versions), expecting: DiscoverVersionsResponse.self)
        return response.protocolVersions
    }

    /// Query with these functions.
    public func query(
        _ functions: [QueryFunction] = [.queryOperations, .queryObjects, .queryServerInformation]
    ) async throws -> QueryResponse {
        return try await perform(QueryRequest(queryFunctions: functions), expecting: QueryResponse.self)
    }

    /// Create an AES key; returns its Unique Identifier.
    ///
    /// - Parameters:
    ///   - length: Key length in bits (128, 192 or 256).
    ///   - usage: Cryptographic Usage Mask.
    ///   - name: A Name attribute, if any.
    ///   - activationDate: An Activation Date; not in the future makes the key Active at once.
    ///   - attributes: Further template attributes (custom `x-` attributes, …).
    public func createSymmetricKey(
        length: Int32 = 256, usage: CryptographicUsageMask = [.encrypt, .decrypt], name: String? = nil,
        activationDate: Date? = nil, attributes: [Attribute] = []
    ) async throws -> String {
        var template = [
            Attribute(.cryptographicAlgorithm, CryptographicAlgorithm.aes),
            Attribute(.cryptographicLength, length),
            Attribute(.cryptographicUsageMask, usage.rawValue),
        ]
        if let name { template.append(Attribute(.name, Name(name))) }
        if let activationDate { template.append(Attribute(.activationDate, activationDate)) }
        template += attributes
        let response = try await perform(CreateRequest(
            objectType: .symmetricKey, templateAttribute: TemplateAttribute(attributes: template)
        ), expecting: CreateResponse.self)
        return response.uniqueIdentifier
    }

    /// Get an object (its key material in `format`, or the server's default).
    public func get(
        _ identifier: String, format: KeyFormatType? = nil, wrapping: KeyWrappingSpecification? = nil
    ) async throws -> GetResponse {
        return try await perform(GetRequest(uniqueIdentifier: identifier, keyFormatType: format, keyWrappingSpecification: wrapping), expecting: GetResponse.self)
    }

    /// Get Attributes: the named ones, or all when `names` is empty.
    public func getAttributes(_ identifier: String, names: [String] = []) async throws -> [Attribute] {
        let response = try await perform(GetAttributesRequest(uniqueIdentifier: identifier, attributeNames: names), expecting: GetAttributesResponse.self)
        return response.attributes
    }

    /// Add Attribute; returns the attribute as stored (with its index).
    @discardableResult
    public func addAttribute(_ identifier: String, _ attribute: Attribute) async throws -> Attribute {
        let response = try await perform(AddAttributeRequest(uniqueIdentifier: identifier, attribute: attribute), expecting: AddAttributeResponse.self)
        return response.attribute
    }

    /// Activate a Pre-Active object.
    public func activate(_ identifier: String) async throws {
        _ = try await perform(ActivateRequest(uniqueIdentifier: identifier), expecting: ActivateResponse.self)
    }

    /// Revoke with a reason (Key Compromise and CA Compromise make the object Compromised).
    public func revoke(
        _ identifier: String, reason: RevocationReasonCode = .unspecified, message: String? = nil,
        compromiseOccurrenceDate: Date? = nil
    ) async throws {
        _ = try await perform(RevokeRequest(
            uniqueIdentifier: identifier, revocationReason: RevocationReason(code: reason, message: message),
            compromiseOccurrenceDate: compromiseOccurrenceDate
        ), expecting: RevokeResponse.self)
    }

    /// Destroy an object that is not Active.
    public func destroy(_ identifier: String) async throws {
        _ = try await perform(DestroyRequest(uniqueIdentifier: identifier), expecting: DestroyResponse.self)
    }

    /// Locate the identifiers of objects with this Name.
    public func locate(name: String, maximumItems: Int32? = nil) async throws -> [String] {
        try await locate(LocateRequest(maximumItems: maximumItems, attributes: [Attribute(.name, Name(name))])).uniqueIdentifiers
    }

    /// Locate with any request.
    public func locate(_ request: LocateRequest) async throws -> LocateResponse {
        return try await perform(request, expecting: LocateResponse.self)
    }

    /// Sends one payload and returns the response payload of its successful batch item, read as
    /// `expecting`.
    public func perform<Request: KMIPRequestPayload, Response: KMIPResponsePayload>(
        _ request: Request, expecting: Response.Type
    ) async throws -> Response {
        let response = try await send([request])
        guard response.batchItems.count == 1, let item = response.batchItems.first else {
            throw KMIPClientError(code: .invalidResponse, reason: "expected 1 batch item, got \(response.batchItems.count)")
        }
        guard item.resultStatus == .success else {
            throw KMIPClientError(
                code: .operationFailed, reason: item.resultMessage ?? "\(item.resultStatus)", resultReason: item.resultReason
            )
        }
        do {
            return try item.payload(as: Response.self)
        } catch {
            throw KMIPClientError(code: .invalidResponse, reason: "the \(Request.operation) response payload does not read: \(error)")
        }
    }
}
