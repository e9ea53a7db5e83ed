import KMIP
import Testing

/// A response carries only the Result Reasons its protocol version defines.
@Suite struct ResultReasonVersionTests {
    static let versions: [ProtocolVersion] = [.v1_0, .v1_1, .v1_2, .v1_3, .v1_4]

    @Test(arguments: versions)
    func everyReasonIsExpressedAsOneTheVersionDefines(version: ProtocolVersion) throws {
        for raw in ResultReason.names.keys {
            let expressed = ResultReason(rawValue: raw).expressed(in: version)
            let since = try #require(expressed.since, "\(raw) became \(expressed.rawValue), which no version defines")
            #expect(since <= version, "\(ResultReason.names[raw] ?? "?") in \(version) became \(ResultReason.names[expressed.rawValue] ?? "?")")
        }
    }

    @Test func reasonsTheVersionDefinesAreKept() {
        #expect(ResultReason.permissionDenied.expressed(in: .v1_0) == .permissionDenied)
        #expect(ResultReason.keyFormatTypeNotSupported.expressed(in: .v1_0) == .keyFormatTypeNotSupported)
        #expect(ResultReason.sensitive.expressed(in: .v1_4) == .sensitive)
        #expect(ResultReason.generalFailure.expressed(in: .v1_0) == .generalFailure)
    }

    @Test func laterReasonsBecomeWhatTheOneXErrorTablesSay() {
        for version in Self.versions {
            #expect(ResultReason.wrongKeyLifecycleState.expressed(in: version) == .permissionDenied)
            #expect(ResultReason.attributeNotFound.expressed(in: version) == .itemNotFound)
            #expect(ResultReason.readOnlyAttribute.expressed(in: version) == .permissionDenied)
        }
        #expect(ResultReason.sensitive.expressed(in: .v1_3) == .permissionDenied)
        #expect(ResultReason.encodingOptionError.expressed(in: .v1_0) == .featureNotSupported)
    }
}
