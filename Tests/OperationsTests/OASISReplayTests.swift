import Foundation
import KMIP
import NIOCore
import Operations
import TTLV
import TestSupport
import Testing

/// The OASIS KMIP 1.4 profile test cases, replayed request by request against the server's
/// request processor and compared with the reference responses (see ``OASISReplay``).
///
/// Where kmipgw answers differently on purpose, the difference is declared below with its
/// reason, and the test checks that the answer is exactly that and nothing else.
@Suite struct OASISReplayTests {
    static let directory = OASISReplay.vectorDirectory

    /// Cases of one series build on each other (TL-M-3 finds what TL-M-2 made), so a series
    /// runs in order against one server.
    static let series: [[String]] = {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? [])
            .filter { $0.hasSuffix(".xml") }
            .sorted()
        let grouped = Dictionary(grouping: names) { name in
            name.split(separator: "-").dropLast(2).joined(separator: "-")
        }
        return grouped.keys.sorted().map { grouped[$0]! }
    }()

    /// A step where kmipgw departs from the reference server, and why.
    enum Divergence {
        /// The step fails with this reason instead of succeeding.
        case refused(ResultReason, because: String)
        /// The response lacks exactly these attributes (or attribute names).
        case lacks(Set<String>, because: String)
        /// A Locate that succeeds and finds nothing, since what it looks for was never made.
        case findsNothing(because: String)
        /// Random bytes: the response's Data has the reference's length and, rightly, other bytes.
        case random(because: String)
    }

    /// A case built on an object kmipgw refuses to make: the first step is refused, each Locate
    /// finds nothing, and every other step is about an object that does not exist.
    static func builtOnRefusal(
        _ first: ResultReason, _ why: String, steps: Int, locates: Set<Int>
    ) -> [Int: Divergence] {
        let after = "it is about the object step 1 did not make"
        var divergences: [Int: Divergence] = [1: .refused(first, because: why)]
        for step in 2...steps {
            divergences[step] = locates.contains(step) ? .findsNothing(because: after) : .refused(.itemNotFound, because: after)
        }
        return divergences
    }

    static let tripleDES = "kmipgw makes AES keys only, not Triple DES"

    static let notKept: Set<String> = ["Fresh", "Lease Time"]
    static let notKeptReason = """
        kmipgw grants no leases and does not track whether a key was served yet: it keeps no \
        Lease Time and no Fresh flag
        """

    static let divergences: [String: [Int: Divergence]] = [
        "CS-BC-M-4-14.xml": [
            2: .refused(.featureNotSupported, because: "kmipgw does not offer ECB: it shows which blocks of the plaintext are equal")
        ],
        "CS-BC-M-11-14.xml": [
            4: .refused(.missingData, because: """
                a CBC Decrypt without its IV lacks data the mode needs: Missing Data says so, where the \
                reference's Invalid Message would call a well-formed message malformed
                """)
        ],
        "CS-BC-M-GCM-1-14.xml": [
            8: .refused(.invalidField, because: "a Tag Length of 1 byte is a field GCM cannot have, not a failure of the server"),
            9: .refused(.invalidField, because: "a Tag Length of 32 bytes is a field GCM cannot have, not a failure of the server"),
        ],
        "CS-RNG-M-1-14.xml": [1: .random(because: "RNG Retrieve returns fresh random bytes")],
        "SASED-M-2-14.xml": [2: .refused(.invalidField, because: "kmipgw manages symmetric keys only, not Secret Data")],
        // SASED-M-3 looks for the Secret Data SASED-M-2 registers.
        "SASED-M-3-14.xml": [
            1: .findsNothing(because: "SASED-M-2 registered no Secret Data: kmipgw manages symmetric keys only"),
            2: .refused(.itemNotFound, because: "the Locate before it found nothing"),
            3: .refused(.itemNotFound, because: "the Locate before it found nothing"),
            4: .refused(.itemNotFound, because: "the Locate before it found nothing"),
            5: .refused(.itemNotFound, because: "the Locate before it found nothing"),
        ],
        "SKFF-M-4-14.xml": builtOnRefusal(.invalidField, tripleDES, steps: 2, locates: []),
        "SKFF-M-8-14.xml": builtOnRefusal(.invalidField, tripleDES, steps: 5, locates: [2, 5]),
        "SKFF-M-10-14.xml": [9: .lacks(notKept, because: notKeptReason)],
        "SKFF-M-11-14.xml": [9: .lacks(notKept, because: notKeptReason)],
        "SKFF-M-12-14.xml": builtOnRefusal(.invalidField, tripleDES, steps: 15, locates: [5]),
        "SKFF-M-9-14.xml": [9: .lacks(notKept, because: notKeptReason)],
        "SKLC-O-1-14.xml": [4: .lacks(notKept, because: notKeptReason)],
        "TL-M-3-14.xml": [
            2: .lacks(notKept, because: notKeptReason),
            3: .lacks(notKept, because: notKeptReason),
        ],
    ]

    @Test(arguments: series)
    func replay(files: [String]) async throws {
        let fixture = try await OperationsFixture.make()
        var replay = OASISReplay()
        for name in files {
            let steps = try await replay.run(Self.directory.appendingPathComponent(name)) { bytes in
                await fixture.processor.process(bytes, for: fixture.vc).response
            }
            #expect(!steps.isEmpty, "\(name) has no requests")
            for step in steps {
                let label = "\(name) step \(step.index) (\(step.operations.joined(separator: "+")))"
                switch Self.divergences[name]?[step.index] {
                case nil:
                    for difference in step.differences { Issue.record("\(label): \(difference)") }
                case .refused(let reason, let why)?:
                    let item = step.response.child(.batchItem)
                    #expect(item?.child(.resultStatus)?.value == .enumeration(ResultStatus.operationFailed.rawValue), "\(label): \(why)")
                    #expect(item?.child(.resultReason)?.value == .enumeration(reason.rawValue), "\(label): \(why)")
                    #expect(item?.child(.resultMessage) != nil, "\(label): a refusal says why")
                case .findsNothing(let why)?:
                    let item = step.response.child(.batchItem)
                    #expect(item?.child(.resultStatus)?.value == .enumeration(ResultStatus.success.rawValue), "\(label): \(why)")
                    #expect(item?.child(.responsePayload)?.child(.uniqueIdentifier) == nil, "\(label): \(why)")
                case .random(let why)?:
                    #expect(!step.differences.isEmpty, "\(label): \(why), yet it matched the reference byte for byte")
                    for difference in step.differences {
                        let sameLength = difference.hasSuffix("ResponsePayload/Data: expected 32 bytes, got 32 bytes")
                        if !sameLength { Issue.record("\(label): \(difference)") }
                    }
                case .lacks(let names, let why)?:
                    let missing = Set(step.differences.compactMap { difference -> String? in
                        guard difference.hasSuffix("]: missing"), let open = difference.lastIndex(of: "[") else { return nil }
                        return String(difference[difference.index(after: open)..<difference.index(difference.endIndex, offsetBy: -"]: missing".count)])
                    })
                    #expect(missing == names, "\(label): \(why)")
                    for difference in step.differences where !difference.hasSuffix("]: missing") {
                        Issue.record("\(label): \(difference)")
                    }
                }
            }
        }
    }
}
