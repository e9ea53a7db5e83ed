/// Integers with thousands separators (`1,204`), independent of the locale, for plan messages.
enum GroupedNumber {
    static func format(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var result = ""
        for (index, character) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { result.append(",") }
            result.append(character)
        }
        return value < 0 ? "-" + result : result
    }

    /// `1 KMIP key`, `1,204 KMIP keys`.
    static func count(_ value: Int, _ singular: String, _ plural: String? = nil) -> String {
        "\(format(value)) \(value == 1 ? singular : (plural ?? singular + "s"))"
    }
}
