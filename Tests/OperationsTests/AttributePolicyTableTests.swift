import KMIP
import Testing

@testable import Operations

/// The policy is the specification's table (`AttributeRule`) and nothing else (issue 12, item 5):
/// every rule, for every action, decides what a client may do.
@Suite struct AttributePolicyTableTests {
    @Test func everyRuleOfTheTableIsHonouredForEveryAction() {
        for rule in AttributeRule.all {
            for action in AttributeRule.Action.allCases {
                let allowed = Self.allows(rule.name.rawValue, action)
                #expect(allowed == rule.allows(action), "\(rule.name) \(action)")
            }
        }
    }

    @Test func customAttributesFollowTheirRules() {
        for action in AttributeRule.Action.allCases {
            #expect(Self.allows("x-Product_Version", action) == AttributeRule.clientDefined.allows(action))
            #expect(Self.allows("y-server-note", action) == AttributeRule.serverDefined.allows(action))
        }
        #expect(AttributePolicy.isMultiInstance("x-a") && AttributePolicy.isMultiInstance("y-a"))
        #expect(AttributePolicy.isMultiInstance(AttributeName.name.rawValue))
        #expect(!AttributePolicy.isMultiInstance(AttributeName.state.rawValue))
    }

    @Test func aNameOutsideTheTableIsNotAnAttribute() {
        #expect(throws: OperationError.self) { try AttributePolicy.check("Colour", may: .set) }
        #expect(AttributeRule.governing("Colour") == nil)
    }

    private static func allows(_ name: String, _ action: AttributeRule.Action) -> Bool {
        do {
            try AttributePolicy.check(name, may: action)
            return true
        } catch {
            return false
        }
    }
}
