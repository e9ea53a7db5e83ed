import Reconciler
import Testing

/// `ViewError` follows swift-certificates' `CertificateError`: equality looks at the code.
@Suite struct ViewErrorTests {
    @Test func errorsWithTheSameCodeAreEqualWhateverTheirReasonAndLocation() {
        let first = ViewError.ambiguousAdapter("vc", instances: ["a", "b"])
        let second = ViewError.ambiguousAdapter("other", instances: ["c", "d"])
        #expect(first == second)
        #expect(first.hashValue == second.hashValue)
        #expect(first.reason != second.reason)
        #expect(first.line != second.line)
        #expect(first.file == "ReconcilerTests/ViewErrorTests.swift")
    }
}
