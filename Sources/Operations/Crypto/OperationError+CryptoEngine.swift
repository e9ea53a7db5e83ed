import KMIP

extension OperationError {
    /// The engine's refusal as a batch item's failure: its Result Reason, and its message as the
    /// Result Message (safe to send: it never holds data, key bytes, IVs or tags).
    init(_ error: CryptoEngineError) {
        self.init(error.resultReason, error.message)
    }
}
