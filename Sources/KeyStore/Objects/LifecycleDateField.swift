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
        switch attributeName {
        case AttributeName.initialDate.rawValue: self = .initial
        case AttributeName.activationDate.rawValue: self = .activation
        case AttributeName.deactivationDate.rawValue: self = .deactivation
        case AttributeName.compromiseDate.rawValue: self = .compromise
        case AttributeName.compromiseOccurrenceDate.rawValue: self = .compromiseOccurrence
        case AttributeName.destroyDate.rawValue: self = .destroy
        case AttributeName.lastChangeDate.rawValue: self = .lastChange
        default: return nil
        }
    }
}
