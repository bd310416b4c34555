/// The `startIndex` and `count` of a list request, normalised as RFC 7644 §3.4.2.4 says.
struct Pagination: Sendable, Hashable {
    /// The 1-based index of the first result (checklist LST-05); values below 1 become 1 (LST-06).
    var startIndex: Int
    /// The most results to return: negative becomes 0 (LST-08), absent becomes the default page size and
    /// anything over the maximum page size is lowered to it (LST-07, LST-09).
    var count: Int

    /// Reads `startIndex` and `count` from `parameters`.
    /// - Throws: 400 `invalidValue` when either is present but not an integer (checklist LST-12).
    init(parameters: QueryParameters, defaultCount: Int, maxCount: Int) throws {
        let start = try Self.integer(parameters, "startIndex") ?? 1
        let count = try Self.integer(parameters, "count") ?? defaultCount
        self.startIndex = max(1, start)
        self.count = min(max(0, count), maxCount)
    }

    /// The number of results to skip (0-based).
    var offset: Int { startIndex - 1 }

    /// Parses an optional decimal integer; out-of-range values saturate instead of failing.
    private static func integer(_ parameters: QueryParameters, _ name: String) throws -> Int? {
        guard let found = parameters[name] else { return nil }
        guard let text = found?.trimmingSpaces, !text.isEmpty else {
            throw SCIMError.invalidValue("the query parameter \(name) must be an integer")
        }
        var digits = Substring(text)
        var negative = false
        if let sign = digits.first, sign == "-" || sign == "+" {
            negative = sign == "-"
            digits = digits.dropFirst()
        }
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            throw SCIMError.invalidValue("the query parameter \(name) must be an integer, not \"\(text)\"")
        }
        guard let magnitude = Int(digits) else { return negative ? Int.min : Int.max }
        return negative ? -magnitude : magnitude
    }
}

extension String {
    /// The string without leading and trailing spaces and tabs.
    var trimmingSpaces: String {
        var view = Substring(self)
        while let first = view.first, first == " " || first == "\t" { view = view.dropFirst() }
        while let last = view.last, last == " " || last == "\t" { view = view.dropLast() }
        return String(view)
    }
}
