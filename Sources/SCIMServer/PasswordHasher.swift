import Foundation

/// Hashes passwords with PBKDF2-HMAC-SHA256 and a random salt, so none is ever stored in cleartext.
///
/// RFC 7643 §4.1.1 and §9.2 (checklist SEC-10): a service provider MUST NOT store passwords in cleartext and
/// SHOULD hash them. The encoded form is `$pbkdf2-sha256$i=<iterations>$<salt>$<hash>`, with the salt and the
/// derived key in unpadded standard Base64, so a later version can raise the iteration count and still verify
/// old hashes.
public struct PasswordHasher: Sendable, Hashable {
    /// The PBKDF2 iteration count used for new hashes.
    public var iterations: Int

    /// The default iteration count for new hashes.
    public static let defaultIterations = 10_000

    private static let prefix = "$pbkdf2-sha256$"
    private static let saltLength = 16
    private static let keyLength = 32

    /// Creates a hasher; `iterations` is clamped to at least 1.
    public init(iterations: Int = PasswordHasher.defaultIterations) {
        self.iterations = max(1, iterations)
    }

    /// Returns the encoded salted hash of `password`.
    public func hash(_ password: String) -> String {
        var generator = SystemRandomNumberGenerator()
        let salt = (0..<Self.saltLength).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        let key = Self.pbkdf2(
            password: Array(password.utf8), salt: salt, iterations: iterations, length: Self.keyLength)
        return "\(Self.prefix)i=\(iterations)$\(Self.base64(salt))$\(Self.base64(key))"
    }

    /// Whether `password` matches `encoded`, a value produced by ``hash(_:)``; malformed input never matches.
    public static func verify(_ password: String, against encoded: String) -> Bool {
        guard encoded.hasPrefix(prefix) else { return false }
        let parts = encoded.dropFirst(prefix.count).split(separator: "$", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].hasPrefix("i="), let iterations = Int(parts[0].dropFirst(2)),
            (1...10_000_000).contains(iterations), let salt = unbase64(parts[1]), let expected = unbase64(parts[2]),
            !expected.isEmpty
        else { return false }
        let actual = pbkdf2(password: Array(password.utf8), salt: salt, iterations: iterations, length: expected.count)
        return ConstantTime.equal(actual, expected)
    }

    /// PBKDF2 (RFC 8018 §5.2) with HMAC-SHA256 as the pseudorandom function.
    static func pbkdf2(password: [UInt8], salt: [UInt8], iterations: Int, length: Int) -> [UInt8] {
        let hmac = HMACSHA256(key: password)
        var derived: [UInt8] = []
        derived.reserveCapacity(length)
        var blockIndex: UInt32 = 1
        while derived.count < length {
            let indexBytes = [24, 16, 8, 0].map { UInt8(truncatingIfNeeded: blockIndex >> UInt32($0)) }
            let first = hmac.authenticationCode(for: salt + indexBytes)
            let block = hmac.iterate(first, rounds: iterations - 1)
            derived.append(contentsOf: block.prefix(length - derived.count))
            blockIndex += 1
        }
        return derived
    }

    private static func base64(_ bytes: [UInt8]) -> String {
        var text = Data(bytes).base64EncodedString()
        while text.hasSuffix("=") { text.removeLast() }
        return text
    }

    private static func unbase64(_ text: Substring) -> [UInt8]? {
        var padded = String(text)
        while padded.count % 4 != 0 { padded += "=" }
        return Data(base64Encoded: padded).map { Array($0) }
    }
}

/// HMAC-SHA256 (RFC 2104) with the key's inner and outer pads absorbed once, for PBKDF2's many rounds.
struct HMACSHA256: Sendable {
    private let inner: SHA256
    private let outer: SHA256

    /// Prepares an HMAC for `key`; keys longer than a block are hashed first.
    init(key: [UInt8]) {
        var block = key.count > SHA256.blockLength ? SHA256.hash(key) : key
        block.append(contentsOf: repeatElement(0, count: SHA256.blockLength - block.count))
        var inner = SHA256()
        inner.update(block.map { $0 ^ 0x36 })
        var outer = SHA256()
        outer.update(block.map { $0 ^ 0x5c })
        self.inner = inner
        self.outer = outer
    }

    /// The 32-byte authentication code of `message`.
    func authenticationCode(for message: [UInt8]) -> [UInt8] {
        var innerHasher = inner
        innerHasher.update(message)
        var outerHasher = outer
        outerHasher.update(innerHasher.finalize())
        return outerHasher.finalize()
    }

    /// PBKDF2's inner loop: `rounds` times U = HMAC(U), returning `first` XOR every U.
    ///
    /// Each round hashes a 32-byte message, so both hashes are one pre-padded block after the pad state;
    /// working on that block directly avoids all allocation in the loop.
    func iterate(_ first: [UInt8], rounds: Int) -> [UInt8] {
        guard rounds > 0 else { return first }
        var result = first
        // One block: 32 message bytes, 0x80, zeros, and the bit length of pad block + message (96 bytes).
        var block = [UInt8](repeating: 0, count: SHA256.blockLength)
        block.replaceSubrange(0..<32, with: first)
        block[32] = 0x80
        block[62] = UInt8((96 * 8) >> 8)
        block[63] = UInt8((96 * 8) & 0xFF)
        let innerState = inner.state
        let outerState = outer.state
        block.withUnsafeMutableBufferPointer { buffer in
            let base = buffer.baseAddress!
            for _ in 0..<rounds {
                var state = innerState
                SHA256.compress(&state, base)
                state.write(to: base)
                state = outerState
                SHA256.compress(&state, base)
                state.write(to: base)
                for position in 0..<32 { result[position] ^= base[position] }
            }
        }
        return result
    }
}

/// Comparisons whose running time does not depend on where two byte strings differ.
enum ConstantTime {
    /// Whether `lhs` and `rhs` are equal; the time depends only on their lengths.
    static func equal(_ lhs: [UInt8], _ rhs: [UInt8]) -> Bool {
        guard lhs.count == rhs.count else { return false }
        var difference: UInt8 = 0
        for index in 0..<lhs.count { difference |= lhs[index] ^ rhs[index] }
        return difference == 0
    }
}
