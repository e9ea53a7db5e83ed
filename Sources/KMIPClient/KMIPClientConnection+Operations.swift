import Foundation
import KMIP
import TTLV

/// One-operation helpers: each sends a single batch item, throws
/// ``KMIPClientError/Code/operationFailed`` (with the Result Reason) when the server refuses it,
/// and returns the typed payload.
extension KMIPClientConnection {
    /// Discover Versions; an empty list asks for every version the server speaks.
    public func discoverVersions(_ versions: [ProtocolVersion] = []) async throws -> [ProtocolVersion] {
        let payload = try await perform(.discoverVersions(DiscoverVersionsRequest(protocolVersions: versions)))
        guard case .discoverVersions(let response) = payload else { throw unexpected(payload) }
        return response.protocolVersions
    }

    /// Query with these functions.
    public func query(
        _ functions: [QueryFunction] = [.queryOperations, .queryObjects, .queryServerInformation]
    ) async throws -> QueryResponse {
        let payload = try await perform(.query(QueryRequest(queryFunctions: functions)))
        guard case .query(let response) = payload else { throw unexpected(payload) }
        return response
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
        let payload = try await perform(.create(CreateRequest(
            objectType: .symmetricKey, templateAttribute: TemplateAttribute(attributes: template)
        )))
        guard case .create(let response) = payload else { throw unexpected(payload) }
        return response.uniqueIdentifier
    }

    /// Get an object (its key material in `format`, or the server's default).
    public func get(
        _ identifier: String, format: KeyFormatType? = nil, wrapping: KeyWrappingSpecification? = nil
    ) async throws -> GetResponse {
        let payload = try await perform(.get(GetRequest(uniqueIdentifier: identifier, keyFormatType: format, keyWrappingSpecification: wrapping)))
        guard case .get(let response) = payload else { throw unexpected(payload) }
        return response
    }

    /// Get Attributes: the named ones, or all when `names` is empty.
    public func getAttributes(_ identifier: String, names: [String] = []) async throws -> [Attribute] {
        let payload = try await perform(.getAttributes(GetAttributesRequest(uniqueIdentifier: identifier, attributeNames: names)))
        guard case .getAttributes(let response) = payload else { throw unexpected(payload) }
        return response.attributes
    }

    /// Add Attribute; returns the attribute as stored (with its index).
    @discardableResult
    public func addAttribute(_ identifier: String, _ attribute: Attribute) async throws -> Attribute {
        let payload = try await perform(.addAttribute(AddAttributeRequest(uniqueIdentifier: identifier, attribute: attribute)))
        guard case .addAttribute(let response) = payload else { throw unexpected(payload) }
        return response.attribute
    }

    /// Activate a Pre-Active object.
    public func activate(_ identifier: String) async throws {
        let payload = try await perform(.activate(ActivateRequest(uniqueIdentifier: identifier)))
        guard case .activate = payload else { throw unexpected(payload) }
    }

    /// Revoke with a reason (Key Compromise and CA Compromise make the object Compromised).
    public func revoke(
        _ identifier: String, reason: RevocationReasonCode = .unspecified, message: String? = nil,
        compromiseOccurrenceDate: Date? = nil
    ) async throws {
        let payload = try await perform(.revoke(RevokeRequest(
            uniqueIdentifier: identifier, revocationReason: RevocationReason(code: reason, message: message),
            compromiseOccurrenceDate: compromiseOccurrenceDate
        )))
        guard case .revoke = payload else { throw unexpected(payload) }
    }

    /// Destroy an object that is not Active.
    public func destroy(_ identifier: String) async throws {
        let payload = try await perform(.destroy(DestroyRequest(uniqueIdentifier: identifier)))
        guard case .destroy = payload else { throw unexpected(payload) }
    }

    /// Locate the identifiers of objects with this Name.
    public func locate(name: String, maximumItems: Int32? = nil) async throws -> [String] {
        try await locate(LocateRequest(maximumItems: maximumItems, attributes: [Attribute(.name, Name(name))])).uniqueIdentifiers
    }

    /// Locate with any request.
    public func locate(_ request: LocateRequest) async throws -> LocateResponse {
        let payload = try await perform(.locate(request))
        guard case .locate(let response) = payload else { throw unexpected(payload) }
        return response
    }

    /// Sends one payload and returns the response payload of its successful batch item.
    public func perform(_ request: RequestPayload) async throws -> ResponsePayload? {
        let response = try await send([request])
        guard response.batchItems.count == 1, let item = response.batchItems.first else {
            throw KMIPClientError(code: .invalidResponse, reason: "expected 1 batch item, got \(response.batchItems.count)")
        }
        guard item.resultStatus == .success else {
            throw KMIPClientError(
                code: .operationFailed, reason: item.resultMessage ?? "\(item.resultStatus)", resultReason: item.resultReason
            )
        }
        return item.payload
    }

    private func unexpected(_ payload: ResponsePayload?) -> KMIPClientError {
        KMIPClientError(code: .invalidResponse, reason: "unexpected response payload \(payload.map { "\($0.ttlv(version: version).tag)" } ?? "none")")
    }
}
