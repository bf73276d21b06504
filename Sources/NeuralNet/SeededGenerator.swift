/// The engine's only source of randomness: xoshiro256** seeded through SplitMix64.
///
/// Initial weights, shuffling and dropout masks all draw from one of these, passed in explicitly,
/// so the same seed on the same machine gives the same weights bit for bit. The engine never uses
/// `SystemRandomNumberGenerator`, nor `Float.random(in:using:)` (whose algorithm the standard
/// library may change): every conversion from bits to numbers is written out here.
public struct SeededGenerator: RandomNumberGenerator, Sendable, Equatable {
    private var s0, s1, s2, s3: UInt64

    public init(seed: UInt64) {
        var x = seed
        func splitMix() -> UInt64 {
            x &+= 0x9E37_79B9_7F4A_7C15
            var z = x
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        s0 = splitMix(); s1 = splitMix(); s2 = splitMix(); s3 = splitMix()
    }

    public mutating func next() -> UInt64 {
        let result = ((s1 &* 5) << 7 | (s1 &* 5) >> 57) &* 9
        let t = s1 << 17
        s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3
        s2 ^= t
        s3 = s3 << 45 | s3 >> 19
        return result
    }

    /// A uniform `Float` in `0 ..< 1` with 24 random bits (every value a multiple of 2⁻²⁴).
    @inlinable
    public mutating func nextUnitFloat() -> Float {
        Float(next() >> 40) * 0x1p-24
    }

    /// A uniform integer in `0 ..< bound` (Lemire's method, unbiased).
    public mutating func nextInt(below bound: Int) -> Int {
        precondition(bound > 0, "bound must be positive")
        let b = UInt64(bound)
        var m = next().multipliedFullWidth(by: b)
        if m.low < b {
            let threshold = (0 &- b) % b
            while m.low < threshold { m = next().multipliedFullWidth(by: b) }
        }
        return Int(m.high)
    }

    /// Shuffles `buffer` in place (Fisher–Yates, from the back), drawing from this generator only.
    public mutating func shuffle(_ buffer: UnsafeMutableBufferPointer<Int>) {
        var i = buffer.count - 1
        while i > 0 {
            let j = nextInt(below: i + 1)
            buffer.swapAt(i, j)
            i -= 1
        }
    }

    /// Derives an independent generator for a sub-task (e.g. epoch `n`'s shuffling), so that the
    /// streams do not depend on how many numbers another task drew.
    public func derived(_ stream: UInt64) -> SeededGenerator {
        var copy = self
        return SeededGenerator(seed: copy.next() ^ (stream &* 0xD134_2543_DE82_EF95))
    }
}
