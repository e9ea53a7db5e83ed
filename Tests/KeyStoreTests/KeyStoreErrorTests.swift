import KeyStore
import Testing

/// `KeyStoreError` follows swift-certificates' `CertificateError`: equality and hashing look at
/// the code, while the reason and the raising location stay available for diagnostics.
@Suite struct KeyStoreErrorTests {
    @Test func errorsWithTheSameCodeAreEqualWhateverTheirReasonAndLocation() {
        let first = KeyStoreError(.database, "database or disk is full (SQLite code 13)")
        let second = KeyStoreError(.database, "disk I/O error (SQLite code 10)")
        #expect(first == second)
        #expect(first.hashValue == second.hashValue)
        #expect(Set([first, second]).count == 1)
        #expect(first.line != second.line)
        #expect(first.reason != second.reason)
    }

    @Test func errorsWithDifferentCodesDiffer() {
        #expect(KeyStoreError(.notFound, "same") != KeyStoreError(.alreadyExists, "same"))
    }

    @Test func theLocationIsWhereTheErrorWasRaised() {
        let line: UInt = #line + 1
        let error = KeyStoreError(.io, "reason")
        #expect(error.file == "KeyStoreTests/KeyStoreErrorTests.swift")
        #expect(error.line == line)
        #expect(error.location == "KeyStoreTests/KeyStoreErrorTests.swift:\(line)")
        #expect(error.description == "io: reason")
    }
}
