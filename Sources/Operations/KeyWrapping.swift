import Crypto
import Foundation
import KMIP
import KeyStore
import NIOCore
import TTLV

/// Get with a Key Wrapping Specification (KMIP 1.4 §2.1.5–2.1.6, §4.11): the key comes back
/// encrypted under another key of the same adapter, with AES key wrap (NIST SP 800-38F KW,
/// RFC 3394), as the AES XTS profile's test case AX-M-2 asks for.
///
/// The wrapping key must be an AES key of the client's adapter, Active, with Wrap Key in its
/// usage mask. By default the wrapped bytes are the TTLV encoding of the Key Value (with any
/// attributes the specification names); with Encoding Option No Encoding, the bare key material.
struct KeyWrapping {
    let specification: KeyWrappingSpecification

    /// The Key Value wrapped, and the Key Wrapping Data that says how.
    func wrap(
        _ keyValue: KeyValue, attributes: () async throws(OperationError) -> [Attribute], in environment: OperationEnvironment
    ) async throws(OperationError) -> (KeyValue, KeyWrappingData) {
        guard specification.wrappingMethod == .encrypt else {
            throw OperationError(.featureNotSupported, "keys are wrapped by encryption only, not \(specification.wrappingMethod)")
        }
        guard specification.macSignatureKeyInformation == nil else {
            throw OperationError(.featureNotSupported, "keys are wrapped by encryption only, without a MAC or signature")
        }
        guard let information = specification.encryptionKeyInformation else {
            throw OperationError(.missingData, "wrapping by encryption needs Encryption Key Information naming the wrapping key")
        }
        // The wrapping key first: a refusal should not cost a read of the key's attributes.
        let wrappingKey = try await self.wrappingKey(information, in: environment)
        let plaintext = try await bytesToWrap(keyValue, attributes: attributes, version: environment.version)
        let wrapped: [UInt8]
        do {
            wrapped = Array(try AES.KeyWrap.wrap(SymmetricKey(data: plaintext), using: SymmetricKey(data: wrappingKey)))
        } catch {
            throw OperationError(.cryptographicFailure, "the key could not be wrapped")
        }
        let data = KeyWrappingData(
            wrappingMethod: .encrypt, encryptionKeyInformation: information, encodingOption: specification.encodingOption)
        return (.wrapped(wrapped), data)
    }

    private func bytesToWrap(
        _ keyValue: KeyValue, attributes: () async throws(OperationError) -> [Attribute], version: ProtocolVersion
    ) async throws(OperationError) -> [UInt8] {
        switch specification.encodingOption {
        case .noEncoding?:
            guard specification.attributeNames.isEmpty else {
                throw OperationError(.encodingOptionError, "with No Encoding only the key material is wrapped, no attributes")
            }
            guard case .material(let bytes, _) = keyValue else {
                throw OperationError(.encodingOptionError, "No Encoding wraps a byte-string key; ask for Raw format")
            }
            return bytes
        case nil, .ttlvEncoding?:
            var value = keyValue
            if !specification.attributeNames.isEmpty {
                let wanted = Set(specification.attributeNames)
                let named = AttributePolicy.forResponse(try await attributes().filter { wanted.contains($0.name) }, version: version)
                switch value {
                case .material(let bytes, _): value = .material(bytes, attributes: named)
                case .transparentSymmetricKey(let bytes, _): value = .transparentSymmetricKey(bytes, attributes: named)
                case .wrapped: break
                }
            }
            var buffer = value.ttlv(version: version).encoded()
            return buffer.readBytes(length: buffer.readableBytes) ?? []
        case let other?:
            throw OperationError(.encodingOptionError, "Encoding Option \(other) is not offered")
        }
    }

    /// The wrapping key's material, after checking that it may wrap.
    private func wrappingKey(
        _ information: EncryptionKeyInformation, in environment: OperationEnvironment
    ) async throws(OperationError) -> [UInt8] {
        let identifier = information.uniqueIdentifier
        let adapterID = environment.adapter.adapterID
        let (object, key) = try await environment.store(identifier) { store in
            (try store.object(identifier, adapterID: adapterID), try store.key(identifier, adapterID: adapterID))
        }
        guard object.objectType == .symmetricKey, object.cryptographicAlgorithm == .aes else {
            throw OperationError(.invalidField, "the wrapping key \(identifier) is not an AES key")
        }
        guard object.state == .active else {
            throw OperationError(.wrongKeyLifecycleState, "the wrapping key \(identifier) is \(object.state), not Active")
        }
        guard object.cryptographicUsageMask?.contains(.wrapKey) == true else {
            throw OperationError(.incompatibleCryptographicUsageMask, "the wrapping key \(identifier) does not have Wrap Key in its usage mask")
        }
        let ownParameters = object.attributes.first { $0.name == AttributeName.cryptographicParameters.rawValue }
            .flatMap { try? $0.decodedValue(as: CryptographicParameters.self) }
        let mode = information.cryptographicParameters?.blockCipherMode ?? ownParameters?.blockCipherMode ?? .nistKeyWrap
        guard mode == .nistKeyWrap else {
            throw OperationError(.featureNotSupported, "keys are wrapped with NIST Key Wrap (RFC 3394) only, not \(mode)")
        }
        guard let material = key.material else {
            throw OperationError(.wrongKeyLifecycleState, "the wrapping key \(identifier) was destroyed")
        }
        return material
    }
}
