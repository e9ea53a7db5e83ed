import TTLV
import Testing

/// Random trees of every item type round-trip; random corruption of their bytes either decodes
/// to something that re-encodes to the same bytes, or throws — never traps.
@Suite struct RandomRoundTripTests {
    struct SplitMix64: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static func randomItem(depth: Int, using rng: inout SplitMix64) -> TTLVItem {
        let tag = Tag(UInt32.random(in: 0x42_0001...0x42_0150, using: &rng) | (Bool.random(using: &rng) ? 0 : 0x12_0000))
        let kind = Int.random(in: 0..<(depth < 4 ? 10 : 9), using: &rng)
        func bytes(_ max: Int) -> [UInt8] { (0..<Int.random(in: 0...max, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) } }
        switch kind {
        case 0: return TTLVItem(tag, .integer(Int32.random(in: .min ... .max, using: &rng)))
        case 1: return TTLVItem(tag, .longInteger(Int64.random(in: .min ... .max, using: &rng)))
        case 2: return TTLVItem(tag, .bigInteger((0..<(8 * Int.random(in: 1...3, using: &rng))).map { _ in UInt8.random(in: 0...255, using: &rng) }))
        case 3: return TTLVItem(tag, .enumeration(UInt32.random(in: 0 ... .max, using: &rng)))
        case 4: return TTLVItem(tag, .boolean(Bool.random(using: &rng)))
        case 5: return TTLVItem(tag, .textString(String((0..<Int.random(in: 0...20, using: &rng)).map { _ in Character(Unicode.Scalar(UInt8.random(in: 32...126, using: &rng))) }) + (Bool.random(using: &rng) ? "é✓" : "")))
        case 6: return TTLVItem(tag, .byteString(bytes(40)))
        case 7: return TTLVItem(tag, .dateTime(Int64.random(in: -1_000_000...4_000_000_000, using: &rng)))
        case 8: return TTLVItem(tag, .interval(UInt32.random(in: 0 ... .max, using: &rng)))
        default:
            let count = Int.random(in: 0...5, using: &rng)
            return .structure(tag, (0..<count).map { _ in randomItem(depth: depth + 1, using: &rng) })
        }
    }

    @Test func randomTreesRoundTrip() throws {
        var rng = SplitMix64(state: 0x4B4D_4950)
        for _ in 0..<2_000 {
            let item = Self.randomItem(depth: 0, using: &rng)
            let bytes = item.encodedBytes
            #expect(bytes.count == item.encodedLength)
            #expect(bytes.count % 8 == 0)
            #expect(try TTLVDecoder().decode(bytes) == item)
        }
    }

    @Test func corruptedBytesNeverTrap() throws {
        var rng = SplitMix64(state: 0xC0FF_EE00)
        var decodedCount = 0
        for _ in 0..<5_000 {
            var bytes = Self.randomItem(depth: 0, using: &rng).encodedBytes
            for _ in 0..<Int.random(in: 1...4, using: &rng) where !bytes.isEmpty {
                bytes[Int.random(in: 0..<bytes.count, using: &rng)] = UInt8.random(in: 0...255, using: &rng)
            }
            if Bool.random(using: &rng), !bytes.isEmpty {
                bytes.removeLast(Int.random(in: 0..<bytes.count, using: &rng))
            }
            if let item = try? TTLVDecoder().decode(bytes) {
                decodedCount += 1
                #expect(item.encodedBytes == bytes)
            }
        }
        #expect(decodedCount > 0)
    }
}
