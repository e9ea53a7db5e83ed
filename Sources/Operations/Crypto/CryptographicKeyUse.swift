import Foundation
import KMIP
import KeyStore
import TTLV

/// A managed key about to be used by Encrypt, Decrypt, MAC or MAC Verify, checked as KMIP 1.4
/// §3.22 and §4 say before the engine sees a byte of it: the key belongs to the adapter, its
/// Cryptographic Usage Mask allows the use, and its state and dates allow the purpose.
///
/// Protecting (Encrypt, MAC) needs an Active key before its Protect Stop Date. Processing
/// (Decrypt, MAC Verify) also accepts a Deactivated or Compromised key, from its Process Start
/// Date on: data protected while the key was good must stay readable after it is retired.
struct CryptographicKeyUse {
    /// What the operation does with the key.
    enum Purpose {
        case protect
        case process
    }

    let material: CryptoKeyMaterial

    /// Reads key `identifier` of the request's adapter and checks it for `usage` and `purpose`.
    static func load(
        _ identifier: String, for usage: CryptographicUsageMask, purpose: Purpose, operation: String,
        in environment: OperationEnvironment
    ) async throws(OperationError) -> CryptographicKeyUse {
        let adapterID = environment.adapter.adapterID
        let (object, key) = try await environment.store(identifier) { store in
            (try store.object(identifier, adapterID: adapterID), try store.key(identifier, adapterID: adapterID))
        }
        guard object.objectType == .symmetricKey, let algorithm = object.cryptographicAlgorithm else {
            throw OperationError(.invalidObjectType, "\(operation) needs a symmetric key; object \(identifier) is \(object.objectType)")
        }
        guard let mask = object.cryptographicUsageMask, mask.contains(usage) else {
            throw OperationError(
                .incompatibleCryptographicUsageMask,
                "the Cryptographic Usage Mask of key \(identifier) does not allow \(operation)")
        }
        let now = Int64(environment.now.timeIntervalSince1970)
        switch purpose {
        case .protect:
            guard object.state == .active else {
                throw OperationError(
                    .wrongKeyLifecycleState, "\(operation) needs an Active key; key \(identifier) is \(object.state)")
            }
            if let stop = Self.date(.protectStopDate, of: object), now >= stop {
                throw OperationError(
                    .wrongKeyLifecycleState, "key \(identifier) is past its Protect Stop Date: it may no longer \(operation)")
            }
        case .process:
            guard [.active, .deactivated, .compromised].contains(object.state) else {
                throw OperationError(
                    .wrongKeyLifecycleState,
                    "\(operation) needs an Active, Deactivated or Compromised key; key \(identifier) is \(object.state)")
            }
            if let start = Self.date(.processStartDate, of: object), now < start {
                throw OperationError(
                    .wrongKeyLifecycleState, "key \(identifier) is before its Process Start Date: it may not \(operation) yet")
            }
        }
        guard let bytes = key.material else {
            throw OperationError(.wrongKeyLifecycleState, "key \(identifier) is \(object.state): its key material was destroyed")
        }
        // The key's own parameters: the instance with the lowest Attribute Index, the first stored.
        let parameters = object.attributes.first { $0.name == AttributeName.cryptographicParameters.rawValue }
            .flatMap { try? $0.decodedValue(as: CryptographicParameters.self) }
        return CryptographicKeyUse(
            material: CryptoKeyMaterial(
                bytes: bytes, algorithm: algorithm, length: object.cryptographicLength, parameters: parameters))
    }

    private static func date(_ name: AttributeName, of object: StoredObject) -> Int64? {
        for attribute in object.attributes where attribute.name == name.rawValue {
            if case .dateTime(let seconds) = attribute.value { return seconds }
        }
        return nil
    }
}
