import KMIP
import TTLV

/// What one operation of a batch leaves for the next: the ID Placeholder (KMIP 1.4 §3.1 and
/// §6.1.2), set by Create, Register and Locate and used by any later item that omits its Unique
/// Identifier; and, for the audit log, the object the current item touched and the key it asked
/// to wrap it with.
struct BatchState: Sendable {
    var idPlaceholder: String?
    var objectIdentifier: String?
    var wrappingKeyIdentifier: String?

    func identifier(_ given: String?) throws(OperationError) -> String {
        if let given { return given }
        if let idPlaceholder { return idPlaceholder }
        throw OperationError(.invalidField, "no Unique Identifier given, and no earlier item of this batch set the ID Placeholder")
    }
}
