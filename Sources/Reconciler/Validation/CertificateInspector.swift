import KeyStore
import SwiftASN1

/// Checks the text of one `pem` / `pemFile` and, when it holds exactly one X.509 certificate,
/// parses it (``ParsedCertificate``).
///
/// The private-key check runs first and looks only at PEM block labels, so a pasted key is
/// reported by its label (`EC PRIVATE KEY`) and its body never reaches a message.
struct CertificateInspector: Sendable {
    /// Why the text is not a usable certificate.
    struct Failure: Error, Sendable {
        var code: Diagnostic.Code
        var message: String
    }

    func inspect(_ text: String) -> Result<ParsedCertificate, Failure> {
        let bytes = Array(text.utf8)
        let labels = Self.beginLabels(in: bytes)
        if let failure = Self.privateKeyFailure(labels: labels, belongsHere: "only the certificate belongs here") {
            return .failure(failure)
        }
        let certificateBlocks = labels.filter { $0.label == "CERTIFICATE" }
        guard let block = certificateBlocks.first,
            let end = Self.find(Self.endCertificate, in: bytes, from: block.start)
        else {
            var message = "must hold a '-----BEGIN CERTIFICATE-----' … '-----END CERTIFICATE-----' block"
            if let other = labels.first?.label { message += " (found a '\(other)' block)" }
            return .failure(Failure(code: .pemNoCertificate, message: message))
        }
        guard certificateBlocks.count == 1 else {
            return .failure(
                Failure(
                    code: .pemMultipleCertificates,
                    message: "holds \(certificateBlocks.count) certificates; list each client certificate "
                        + "as its own entry (a chain is not needed: clients are pinned by fingerprint)"
                )
            )
        }
        let blockText = String(decoding: bytes[block.start..<(end + Self.endCertificate.count)], as: UTF8.self)
        let document: PEMDocument
        do {
            document = try PEMDocument(pemString: blockText)
        } catch {
            return .failure(
                Failure(code: .pemInvalid, message: "the text between BEGIN and END CERTIFICATE is not valid base64")
            )
        }
        guard document.discriminator == "CERTIFICATE" else {
            return .failure(Failure(code: .pemNoCertificate, message: "the PEM block is not a CERTIFICATE"))
        }
        // The one parse of a client certificate: the store is handed its result.
        do {
            return .success(try ParsedCertificate(derEncoded: document.derBytes))
        } catch {
            return .failure(
                Failure(code: .certificateInvalid, message: "the PEM block does not hold a valid X.509 certificate")
            )
        }
    }

    /// The private-key rule, for any field an operator might paste a key into (a PEM, a
    /// description): the failure names the PEM block's label, never its body.
    static func privateKeyFailure(in text: String, belongsHere: String) -> Failure? {
        privateKeyFailure(labels: beginLabels(in: Array(text.utf8)), belongsHere: belongsHere)
    }

    private static func privateKeyFailure(labels: [(label: String, start: Int)], belongsHere: String) -> Failure? {
        guard let keyLabel = labels.first(where: { $0.label.hasSuffix("PRIVATE KEY") })?.label else { return nil }
        return Failure(
            code: .privateKey,
            message: "holds a private key (PEM block '\(keyLabel)'); \(belongsHere). "
                + "Remove the key, and treat it as exposed if it was ever committed"
        )
    }

    private static let begin = Array("-----BEGIN ".utf8)
    private static let dashes = Array("-----".utf8)
    private static let endCertificate = Array("-----END CERTIFICATE-----".utf8)

    /// Every `-----BEGIN LABEL-----` with the offset where it starts.
    private static func beginLabels(in bytes: [UInt8]) -> [(label: String, start: Int)] {
        var result: [(label: String, start: Int)] = []
        var offset = 0
        while let start = find(begin, in: bytes, from: offset) {
            let labelStart = start + begin.count
            guard let labelEnd = find(dashes, in: bytes, from: labelStart) else { break }
            // A label is one short line; anything longer is not a PEM boundary.
            let labelBytes = bytes[labelStart..<labelEnd]
            if labelBytes.count <= 64, !labelBytes.contains(UInt8(ascii: "\n")) {
                result.append((String(decoding: labelBytes, as: UTF8.self), start))
            }
            offset = labelEnd + dashes.count
        }
        return result
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8], from offset: Int) -> Int? {
        guard let first = needle.first, haystack.count >= needle.count else { return nil }
        var index = offset
        let last = haystack.count - needle.count
        while index <= last {
            if haystack[index] == first {
                var matched = true
                for k in 1..<needle.count where haystack[index + k] != needle[k] {
                    matched = false
                    break
                }
                if matched { return index }
            }
            index += 1
        }
        return nil
    }

}
