import Foundation
import Synchronization
import Testing
import TestSupport

@testable import KeyStore

@Suite("Apply lock")
struct ApplyLockTests {
    @Test func aSecondApplyWaitsNamingTheHolderThenGivesUpChangingNothing() throws {
        let directory = try TemporaryDirectory(prefix: "kmipgw-lock")
        let location = StoreLocation(directory: directory.path)
        let first = try ApplyLock.acquire(location, timeout: .zero)
        let heard = Mutex<[String]>([])
        let error = #expect(throws: KeyStoreError.self) {
            _ = try ApplyLock.acquire(location, timeout: .milliseconds(200)) { holder in heard.withLock { $0.append(holder) } }
        }
        #expect(error?.code == .applyLocked)
        #expect(error?.reason.contains("pid \(getpid())") == true, "\(error?.reason ?? "")")
        #expect(heard.withLock { $0.count } == 1)
        #expect(heard.withLock { $0.first?.hasPrefix("kmipgw apply, pid \(getpid())") } == true)
        withExtendedLifetime(first) {}
    }

    @Test func theLockIsFreeOnceTheHolderIsGone() throws {
        let directory = try TemporaryDirectory(prefix: "kmipgw-lock")
        let location = StoreLocation(directory: directory.path)
        var first: ApplyLock? = try ApplyLock.acquire(location, timeout: .zero)
        #expect(first != nil)
        first = nil
        _ = try ApplyLock.acquire(location, timeout: .zero)
    }
}
