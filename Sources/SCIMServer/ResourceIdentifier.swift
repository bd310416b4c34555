/// Identifiers for new resources and accounts: random (version 4) UUIDs in lower case (RFC 9562 §5.4).
///
/// The bits come from `SystemRandomNumberGenerator` (the kernel's `getrandom`), which costs a create less than
/// Foundation's `UUID()`, which opens `/dev/urandom` on every call. The text is the one `UUID().uuidString` gives,
/// lower-cased.
enum ResourceIdentifier {
    /// A new identifier such as `0b4e7c2a-93f1-4d8e-a2c5-6f0e1d9b3a47`.
    static func make() -> String {
        var generator = SystemRandomNumberGenerator()
        // Version 4 in the 13th hex digit, variant 10 in the top bits of the 17th (RFC 9562 §4.1, §4.2).
        let high = (generator.next() as UInt64) & ~0xF000 | 0x4000
        let low = (generator.next() as UInt64) & 0x3FFF_FFFF_FFFF_FFFF | 0x8000_0000_0000_0000
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(36)
        for (half, value) in [(0, high), (1, low)] {
            for nibble in 0..<16 {
                let position = half * 16 + nibble
                if position == 8 || position == 12 || position == 16 || position == 20 {
                    text.append(UInt8(ascii: "-"))
                }
                text.append(digits[Int((value >> UInt64(60 - 4 * nibble)) & 0xF)])
            }
        }
        return String(decoding: text, as: UTF8.self)
    }
}
