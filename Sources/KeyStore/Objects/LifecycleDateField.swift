import KMIP

/// A lifecycle date column a Locate can filter by range.
public enum LifecycleDateField: String, Hashable, Sendable, CaseIterable {
    case initial = "initial_date"
    case activation = "activation_date"
    case deactivation = "deactivation_date"
    case compromise = "compromise_date"
    case compromiseOccurrence = "compromise_occurrence_date"
    case destroy = "destroy_date"
    case lastChange = "last_change_date"

    /// The field a KMIP date attribute maps to.
    public init?(attributeName: String) {
        guard let field = Self.allCases.first(where: { $0.attributeName == attributeName }) else { return nil }
        self = field
    }

    /// The states in which a client may change this date (KMIP 1.4 §3.24, §3.27), or `nil` when
    /// only the server sets it.
    public var statesAllowingClientChange: [State]? {
        switch self {
        case .activation: [.preActive]
        case .deactivation: [.preActive, .active]
        default: nil
        }
    }

    /// Refuses a client's change of this date in `state`: the store's rule, which the Operations
    /// layer also applies when the new value equals the old one (the attempt is what is refused).
    public func checkClientMayChange(in state: State) throws(KeyStoreError) {
        guard let allowed = statesAllowingClientChange, !allowed.contains(state) else { return }
        let states = allowed.map { "\($0)" }.joined(separator: " or ")
        throw KeyStoreError(
            .wrongLifecycleState, "Modify Attribute refused in state \(state): the \(attributeName) can change only while \(states)")
    }

    /// The KMIP attribute this column holds.
    public var attributeName: String {
        switch self {
        case .initial: AttributeName.initialDate.rawValue
        case .activation: AttributeName.activationDate.rawValue
        case .deactivation: AttributeName.deactivationDate.rawValue
        case .compromise: AttributeName.compromiseDate.rawValue
        case .compromiseOccurrence: AttributeName.compromiseOccurrenceDate.rawValue
        case .destroy: AttributeName.destroyDate.rawValue
        case .lastChange: AttributeName.lastChangeDate.rawValue
        }
    }
}
