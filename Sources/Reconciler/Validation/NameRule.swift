/// The rule a kind of name must follow.
///
/// Names end up in command-line arguments (`kmipgw describe adapter NAME`), log lines, metric
/// labels and KMIP attributes, so they are kept to characters that need no quoting anywhere.
/// Instance and root-key names are DNS-label-like (they may become host names or Kubernetes
/// objects later); adapter and certificate names follow what vCenter administrators already use
/// (`vcenter-01`, `VC01.client`).
struct NameRule: Sendable {
    enum Alphabet: Sendable {
        /// `[a-z0-9]([a-z0-9-]*[a-z0-9])?`
        case dnsLabel
        /// `[A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?`
        case identifier
    }

    let lengths: ClosedRange<Int>
    let alphabet: Alphabet
    let lengthCode: Diagnostic.Code
    let charactersCode: Diagnostic.Code

    static let instance = NameRule(
        lengths: 2...63,
        alphabet: .dnsLabel,
        lengthCode: .instanceName,
        charactersCode: .instanceName
    )
    static let rootKey = NameRule(
        lengths: 2...63,
        alphabet: .dnsLabel,
        lengthCode: .rootKeyName,
        charactersCode: .rootKeyName
    )
    static let adapter = NameRule(
        lengths: 2...40,
        alphabet: .identifier,
        lengthCode: .adapterNameLength,
        charactersCode: .adapterNameCharacters
    )
    static let certificate = NameRule(
        lengths: 2...64,
        alphabet: .identifier,
        lengthCode: .certificateName,
        charactersCode: .certificateName
    )

    /// The diagnostics for `name`: at most one for its length and one for its characters.
    func check(_ name: Located<String>) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        let length = name.value.count
        if !lengths.contains(length) {
            diagnostics.append(
                .error(
                    lengthCode,
                    "must be \(lengths.lowerBound)–\(lengths.upperBound) characters (got \(length))",
                    at: name.location,
                    path: name.path
                )
            )
        }
        if !name.value.isEmpty, !isSpelledRight(name.value) {
            diagnostics.append(
                .error(charactersCode, "\(alphabetDescription) (got '\(name.value)')", at: name.location, path: name.path)
            )
        }
        return diagnostics
    }

    private var alphabetDescription: String {
        switch alphabet {
        case .dnsLabel:
            return "may hold only lowercase letters a-z, digits and '-', and must begin and end with a letter or digit"
        case .identifier:
            return "may hold only letters A-Z a-z, digits, '.', '_' and '-', and must begin and end with a letter or digit"
        }
    }

    private func isSpelledRight(_ name: String) -> Bool {
        let scalars = Array(name.unicodeScalars)
        guard let first = scalars.first, let last = scalars.last else { return false }
        guard isEdge(first), isEdge(last) else { return false }
        return scalars.allSatisfy(isInner)
    }

    private func isEdge(_ scalar: Unicode.Scalar) -> Bool {
        switch alphabet {
        case .dnsLabel: return ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar)
        case .identifier:
            return ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
        }
    }

    private func isInner(_ scalar: Unicode.Scalar) -> Bool {
        switch alphabet {
        case .dnsLabel: return isEdge(scalar) || scalar == "-"
        case .identifier: return isEdge(scalar) || scalar == "-" || scalar == "." || scalar == "_"
        }
    }
}
