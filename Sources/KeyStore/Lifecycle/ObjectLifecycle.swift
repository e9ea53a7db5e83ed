import KMIP

/// The KMIP 1.4 object state machine (§3.22), as pure functions over state and dates.
///
/// ```
/// Pre-Active ──activate──► Active ──revoke (other)──► Deactivated ──destroy──► Destroyed
///     │                      │                             │                      │
///     │ revoke (compromise)  │ revoke (compromise)         │ revoke (compromise)  │ revoke (compromise)
///     ▼                      ▼                             ▼                      ▼
///  Compromised ◄─────────────┴─────────────────────────────┘        Destroyed Compromised
///     └──────────────────────────destroy───────────────────────────────────────▲
/// Pre-Active ──destroy──► Destroyed
/// ```
/// Time moves objects too: a Pre-Active object whose Activation Date has come is Active, and
/// an Active object whose Deactivation Date has come is Deactivated (``effectiveState(at:)``).
struct ObjectLifecycle: Hashable, Sendable {
    var state: State
    var dates: LifecycleDates
    var revocationReason: RevocationReason?

    /// The state as of `now`, taking Activation and Deactivation Dates into account.
    func effectiveState(at now: Int64) -> State {
        var current = state
        if current == .preActive, let activation = dates.activation, activation <= now {
            current = .active
        }
        if current == .active, let deactivation = dates.deactivation, deactivation <= now {
            current = .deactivated
        }
        return current
    }

    /// The lifecycle of a new object: Pre-Active, or Active at once when its Activation Date is
    /// not in the future.
    static func created(at now: Int64, activation: Int64?, deactivation: Int64?) -> ObjectLifecycle {
        var lifecycle = ObjectLifecycle(
            state: .preActive,
            dates: LifecycleDates(initial: now, activation: activation, deactivation: deactivation, lastChange: now)
        )
        lifecycle.settle(at: now)
        return lifecycle
    }

    /// Persists the time-driven transitions, so the stored state is the effective one.
    mutating func settle(at now: Int64) {
        state = effectiveState(at: now)
    }

    /// Activate: Pre-Active → Active, Activation Date = now.
    mutating func activate(at now: Int64) throws(KeyStoreError) {
        settle(at: now)
        guard state == .preActive else {
            throw Self.refused("Activate", state, "only a Pre-Active object can be activated")
        }
        state = .active
        dates.activation = now
        dates.lastChange = now
    }

    /// Revoke: Key Compromise / CA Compromise → Compromised (or Destroyed Compromised) with the
    /// Compromise Date and Compromise Occurrence Date (the Initial Date unless given); any other
    /// reason: Active → Deactivated with the Deactivation Date.
    mutating func revoke(
        reason: RevocationReason, compromiseOccurrence: Int64?, at now: Int64
    ) throws(KeyStoreError) {
        settle(at: now)
        let isCompromise = reason.code == .keyCompromise || reason.code == .caCompromise
        if isCompromise {
            switch state {
            case .preActive, .active, .deactivated:
                state = .compromised
            case .destroyed:
                state = .destroyedCompromised
            default:
                throw Self.refused("Revoke", state, "the object is already compromised")
            }
            dates.compromise = now
            // KMIP 1.4 §4.20: without one in the request, the occurrence SHOULD be the Initial Date.
            dates.compromiseOccurrence = compromiseOccurrence ?? dates.initial
        } else {
            guard state == .active else {
                throw Self.refused(
                    "Revoke", state, "only an Active object can be revoked for a reason other than compromise")
            }
            state = .deactivated
            dates.deactivation = now
        }
        revocationReason = reason
        dates.lastChange = now
    }

    /// Destroy: refused while Active; Pre-Active/Deactivated → Destroyed, Compromised →
    /// Destroyed Compromised, Destroy Date = now. The caller deletes the material.
    mutating func destroy(at now: Int64) throws(KeyStoreError) {
        settle(at: now)
        switch state {
        case .preActive, .deactivated:
            state = .destroyed
        case .compromised:
            state = .destroyedCompromised
        case .active:
            throw Self.refused("Destroy", state, "an Active object must be revoked before it is destroyed")
        default:
            throw Self.refused("Destroy", state, "the object is already destroyed")
        }
        dates.destroy = now
        dates.lastChange = now
    }

    /// A client changes the Activation Date: only while Pre-Active (KMIP 1.4 §3.24); a date not
    /// in the future activates the object.
    mutating func setActivationDate(_ date: Int64?, at now: Int64) throws(KeyStoreError) {
        settle(at: now)
        try LifecycleDateField.activation.checkClientMayChange(in: state)
        dates.activation = date
        dates.lastChange = now
        settle(at: now)
    }

    /// A client changes the Deactivation Date: only while Pre-Active or Active (§3.27).
    mutating func setDeactivationDate(_ date: Int64?, at now: Int64) throws(KeyStoreError) {
        settle(at: now)
        try LifecycleDateField.deactivation.checkClientMayChange(in: state)
        dates.deactivation = date
        dates.lastChange = now
        settle(at: now)
    }

    static func refused(_ operation: String, _ state: State, _ why: String) -> KeyStoreError {
        KeyStoreError(.wrongLifecycleState, "\(operation) refused in state \(state): \(why)")
    }
}
