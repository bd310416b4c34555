/// SHA-256 (FIPS 180-4), used for salted password digests and constant-time token comparison.
///
/// The server's dependencies offer no hash function, so this small, self-contained implementation
/// is checked against the FIPS 180-4 test vectors in the tests. It is not a general crypto API.
struct SHA256: Sendable {
    /// The length of a digest in bytes.
    static let digestLength = 32
    /// The length of one input block in bytes.
    static let blockLength = 64

    /// The eight working words of the hash state.
    private struct State: Sendable {
        var h0: UInt32 = 0x6a09_e667
        var h1: UInt32 = 0xbb67_ae85
        var h2: UInt32 = 0x3c6e_f372
        var h3: UInt32 = 0xa54f_f53a
        var h4: UInt32 = 0x510e_527f
        var h5: UInt32 = 0x9b05_688c
        var h6: UInt32 = 0x1f83_d9ab
        var h7: UInt32 = 0x5be0_cd19

        /// Writes the state as a big-endian 32-byte digest to `output`.
        func write(to output: UnsafeMutablePointer<UInt8>) {
            Self.store(h0, at: output)
            Self.store(h1, at: output + 4)
            Self.store(h2, at: output + 8)
            Self.store(h3, at: output + 12)
            Self.store(h4, at: output + 16)
            Self.store(h5, at: output + 20)
            Self.store(h6, at: output + 24)
            Self.store(h7, at: output + 28)
        }

        @inline(__always)
        private static func store(_ word: UInt32, at output: UnsafeMutablePointer<UInt8>) {
            output[0] = UInt8(truncatingIfNeeded: word >> 24)
            output[1] = UInt8(truncatingIfNeeded: word >> 16)
            output[2] = UInt8(truncatingIfNeeded: word >> 8)
            output[3] = UInt8(truncatingIfNeeded: word)
        }

        /// The state as a big-endian 32-byte digest.
        var digest: [UInt8] {
            [UInt8](unsafeUninitializedCapacity: 32) { buffer, count in
                write(to: buffer.baseAddress!)
                count = 32
            }
        }
    }

    private static let roundConstants: [UInt32] = [
        0x428a_2f98, 0x7137_4491, 0xb5c0_fbcf, 0xe9b5_dba5, 0x3956_c25b, 0x59f1_11f1, 0x923f_82a4, 0xab1c_5ed5,
        0xd807_aa98, 0x1283_5b01, 0x2431_85be, 0x550c_7dc3, 0x72be_5d74, 0x80de_b1fe, 0x9bdc_06a7, 0xc19b_f174,
        0xe49b_69c1, 0xefbe_4786, 0x0fc1_9dc6, 0x240c_a1cc, 0x2de9_2c6f, 0x4a74_84aa, 0x5cb0_a9dc, 0x76f9_88da,
        0x983e_5152, 0xa831_c66d, 0xb003_27c8, 0xbf59_7fc7, 0xc6e0_0bf3, 0xd5a7_9147, 0x06ca_6351, 0x1429_2967,
        0x27b7_0a85, 0x2e1b_2138, 0x4d2c_6dfc, 0x5338_0d13, 0x650a_7354, 0x766a_0abb, 0x81c2_c92e, 0x9272_2c85,
        0xa2bf_e8a1, 0xa81a_664b, 0xc24b_8b70, 0xc76c_51a3, 0xd192_e819, 0xd699_0624, 0xf40e_3585, 0x106a_a070,
        0x19a4_c116, 0x1e37_6c08, 0x2748_774c, 0x34b0_bcb5, 0x391c_0cb3, 0x4ed8_aa4a, 0x5b9c_ca4f, 0x682e_6ff3,
        0x748f_82ee, 0x78a5_636f, 0x84c8_7814, 0x8cc7_0208, 0x90be_fffa, 0xa450_6ceb, 0xbef9_a3f7, 0xc671_78f2,
    ]

    /// The state after the complete blocks absorbed so far.
    private var state = State()
    private var pending: [UInt8] = []
    private var totalLength: UInt64 = 0

    /// Creates a hasher with the standard initial state.
    init() {}

    /// The digest of `bytes` in one call.
    static func hash(_ bytes: [UInt8]) -> [UInt8] {
        var hasher = SHA256()
        hasher.update(bytes)
        return hasher.finalize()
    }

    /// Adds `bytes` to the message.
    mutating func update(_ bytes: [UInt8]) {
        totalLength &+= UInt64(bytes.count)
        var input = bytes[...]
        if !pending.isEmpty {
            let take = min(Self.blockLength - pending.count, input.count)
            pending.append(contentsOf: input.prefix(take))
            input = input.dropFirst(take)
            guard pending.count == Self.blockLength else { return }
            pending.withUnsafeBufferPointer { Self.compress(&state, $0.baseAddress!) }
            pending.removeAll(keepingCapacity: true)
        }
        input.withUnsafeBufferPointer { buffer in
            var offset = 0
            while buffer.count - offset >= Self.blockLength {
                Self.compress(&state, buffer.baseAddress! + offset)
                offset += Self.blockLength
            }
            pending.append(contentsOf: buffer[offset...])
        }
    }

    /// Pads the message and returns the 32-byte digest.
    mutating func finalize() -> [UInt8] {
        let bitLength = totalLength &* 8
        var tail = pending
        tail.append(0x80)
        let padded = tail.count <= Self.blockLength - 8 ? Self.blockLength : 2 * Self.blockLength
        tail.append(contentsOf: repeatElement(0, count: padded - 8 - tail.count))
        for shift in stride(from: 56, through: 0, by: -8) {
            tail.append(UInt8(truncatingIfNeeded: bitLength >> UInt64(shift)))
        }
        tail.withUnsafeBufferPointer { buffer in
            var offset = 0
            while offset < buffer.count {
                Self.compress(&state, buffer.baseAddress! + offset)
                offset += Self.blockLength
            }
        }
        pending.removeAll()
        return state.digest
    }

    /// Processes one 64-byte block starting at `block`.
    private static func compress(_ state: inout State, _ block: UnsafePointer<UInt8>) {
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 64) { words in
            for index in 0..<16 {
                let offset = index * 4
                words[index] =
                    UInt32(block[offset]) << 24 | UInt32(block[offset + 1]) << 16
                    | UInt32(block[offset + 2]) << 8 | UInt32(block[offset + 3])
            }
            for index in 16..<64 {
                let w15 = words[index - 15]
                let w2 = words[index - 2]
                let sigma0 = rotateRight(w15, 7) ^ rotateRight(w15, 18) ^ (w15 >> 3)
                let sigma1 = rotateRight(w2, 17) ^ rotateRight(w2, 19) ^ (w2 >> 10)
                words[index] = words[index - 16] &+ sigma0 &+ words[index - 7] &+ sigma1
            }
            var a = state.h0
            var b = state.h1
            var c = state.h2
            var d = state.h3
            var e = state.h4
            var f = state.h5
            var g = state.h6
            var h = state.h7
            roundConstants.withUnsafeBufferPointer { constants in
                for index in 0..<64 {
                    let sum1 = rotateRight(e, 6) ^ rotateRight(e, 11) ^ rotateRight(e, 25)
                    let choice = (e & f) ^ (~e & g)
                    let temp1 = h &+ sum1 &+ choice &+ constants[index] &+ words[index]
                    let sum0 = rotateRight(a, 2) ^ rotateRight(a, 13) ^ rotateRight(a, 22)
                    let majority = (a & b) ^ (a & c) ^ (b & c)
                    h = g
                    g = f
                    f = e
                    e = d &+ temp1
                    d = c
                    c = b
                    b = a
                    a = temp1 &+ sum0 &+ majority
                }
            }
            state.h0 &+= a
            state.h1 &+= b
            state.h2 &+= c
            state.h3 &+= d
            state.h4 &+= e
            state.h5 &+= f
            state.h6 &+= g
            state.h7 &+= h
        }
    }

    @inline(__always)
    private static func rotateRight(_ value: UInt32, _ count: UInt32) -> UInt32 {
        (value >> count) | (value << (32 - count))
    }
}
