import Foundation

/// Keeps a password as a salted SHA-256 digest, so none is ever stored in cleartext (RFC 7643 §9.2, SEC-10).
///
/// The reference server never authenticates anyone with a SCIM password: NinjaOne gives SCIM-provisioned (SSO)
/// users no password (okta-behavior.md §13), and the password Okta sends on every create is a documented
/// placeholder (okta-behavior.md §2.4). The digest exists for two things only: the cleartext is never at rest,
/// and a PUT or PATCH that sends the same password again is recognised as no change (PUT-03, PATCH-10), so
/// `changePassword` stays truthful. A slow key-derivation function would defend a secret nothing verifies, at the
/// cost of every create (see README "Benchmarks"), so one salted hash it is.
///
/// The encoded form is `$sha256$<salt>$<digest>` (unpadded standard Base64) with a fresh 16-byte salt per hash.
/// Anything else, such as the PBKDF2 hashes of earlier versions, never matches: re-sending that password then
/// counts as a change once and stores the new form.
public struct PasswordHasher: Sendable, Hashable {
    private static let prefix = "$sha256$"
    private static let saltLength = 16

    /// Creates a hasher.
    public init() {}

    /// Returns the encoded salted hash of `password`.
    public func hash(_ password: String) -> String {
        // Two 64-bit draws (one getrandom call each) rather than one call per byte.
        var generator = SystemRandomNumberGenerator()
        let salt = (0..<Self.saltLength / 8).flatMap { _ in withUnsafeBytes(of: generator.next()) { Array($0) } }
        return "\(Self.prefix)\(Self.base64(salt))$\(Self.base64(Self.digest(password, salt: salt)))"
    }

    /// Whether `password` matches `encoded`, a value produced by ``hash(_:)``; malformed input never matches.
    public static func verify(_ password: String, against encoded: String) -> Bool {
        guard encoded.hasPrefix(prefix) else { return false }
        let parts = encoded.dropFirst(prefix.count).split(separator: "$", omittingEmptySubsequences: false)
        guard parts.count == 2, let salt = unbase64(parts[0]), !salt.isEmpty, let expected = unbase64(parts[1]),
            expected.count == SHA256.digestLength
        else { return false }
        return ConstantTime.equal(digest(password, salt: salt), expected)
    }

    /// SHA-256 of the salt followed by the password's UTF-8 bytes.
    private static func digest(_ password: String, salt: [UInt8]) -> [UInt8] {
        var hasher = SHA256()
        hasher.update(salt)
        hasher.update(Array(password.utf8))
        return hasher.finalize()
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
