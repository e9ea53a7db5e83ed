import Synchronization

/// Fixed slots that concurrent workers fill by index; each index is written by one worker only.
final class ResultSlots<Value: Sendable>: Sendable {
    private let storage: Mutex<[Value?]>

    init(count: Int) {
        storage = Mutex([Value?](repeating: nil, count: count))
    }

    subscript(index: Int) -> Value? {
        get { storage.withLock { $0[index] } }
        set { storage.withLock { $0[index] = newValue } }
    }

    /// The filled values in index order (every slot must have been filled).
    var values: [Value] {
        storage.withLock { $0.compactMap { $0 } }
    }
}
