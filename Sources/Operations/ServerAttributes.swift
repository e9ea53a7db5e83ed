import Crypto
import Foundation
import KMIP
import TTLV

/// The attributes the server itself sets on a new key (KMIP 1.4 §3), sealed with the client's.
enum ServerAttributes {
    /// How a new key's material came to the server.
    enum Origin {
        /// Made here by Create, from the operating system's random source.
        case generated
        /// Handed over by Register.
        case registered
    }

    /// Digest for every key (§3.17: it always has a value when there is key material); for a
    /// generated key also Original Creation Date (§3.43) and Random Number Generator (§3.44),
    /// unless the client gave them. (The export policy, Sensitive and the like, is the same for
    /// every key: the store reports it without storing it.)
    static func forNewKey(material: [UInt8], origin: Origin, given: [Attribute], now: Date) -> [Attribute] {
        let names = Set(given.map(\.name))
        var attributes = [Attribute(.digest, digest(of: material))]
        guard origin == .generated else { return attributes }
        if !names.contains(AttributeName.originalCreationDate.rawValue) {
            attributes.append(Attribute(name: .originalCreationDate, value: .dateTime(Int64(now.timeIntervalSince1970))))
        }
        if !names.contains(AttributeName.randomNumberGenerator.rawValue) {
            // Keys come from getrandom(2) through swift-crypto: the kernel's generator, which
            // none of the enumerated RNG or DRBG algorithms describes.
            attributes.append(Attribute(
                name: .randomNumberGenerator,
                value: .structure([TTLVItem(.rngAlgorithm, .enumeration(RNGAlgorithm.unspecified.rawValue))])))
        }
        return attributes
    }

    /// SHA-256 of the key in Raw format, the digest the OASIS test cases show.
    static func digest(of material: [UInt8]) -> KMIP.Digest {
        KMIP.Digest(hashingAlgorithm: .sha256, digestValue: Array(SHA256.hash(data: material)), keyFormatType: .raw)
    }
}
