/// Latency of one request shape: a single client sends it back to back and times each answer.
struct LatencyProbe: Sendable {
    /// The median and 95th percentile of a set of samples.
    struct Summary: Sendable {
        var median: Duration
        var p95: Duration
        var samples: Int

        init(_ samples: [Duration]) {
            let sorted = samples.sorted()
            self.samples = sorted.count
            median = sorted.isEmpty ? .zero : sorted[(sorted.count - 1) / 2]
            p95 =
                sorted.isEmpty
                ? .zero : sorted[min(sorted.count - 1, Int((Double(sorted.count) * 0.95).rounded(.up)) - 1)]
        }

        /// "1.23 ms / 2.34 ms" (median / p95).
        var text: String { "\(Self.milliseconds(median)) / \(Self.milliseconds(p95))" }

        static func milliseconds(_ duration: Duration) -> String {
            let value = Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
            return String(format: "%.2f ms", value)
        }
    }

    /// Requests sent and thrown away first (connection set-up, caches).
    var warmUp = 100
    /// Requests measured.
    var samples: Int

    /// Sends `request(n)` for n in 0..<warmUp + samples, one at a time; every reply must be 200.
    func measure(_ request: (Int) async throws -> BenchClient.Reply) async throws -> Summary {
        var durations: [Duration] = []
        durations.reserveCapacity(samples)
        for number in 0..<(warmUp + samples) {
            let reply = try await request(number)
            guard reply.status == 200 else {
                throw BenchClient.Failure(
                    description: "expected 200, got \(reply.status): \(OktaCreateFlow.excerpt(reply.body))")
            }
            if number >= warmUp { durations.append(reply.elapsed) }
        }
        return Summary(durations)
    }
}
