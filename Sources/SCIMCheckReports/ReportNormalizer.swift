import Foundation
import SCIMCheckHTTP
import SCIMCheckKit

/// Replaces the values that change from run to run — times, durations, run id and tag, the embedded
/// server's port, server-assigned UUIDs, random Okta ids — with fixed placeholders, so two runs of the same
/// catalog against the same server render to the same bytes (`scimcheck report --normalize`,
/// `Reports/examples/`).
///
/// UUIDs and Okta ids are numbered in order of first appearance in the canonical JSON, so references
/// between exchanges (an id created, then read, then deleted) stay recognisable.
public enum ReportNormalizer {
    /// The fixed time every timestamp becomes.
    public static let epoch = Date(timeIntervalSince1970: 946_684_800)
    /// The run id every report gets.
    public static let runID = "20000101-000000-0000"
    /// The port a target's explicit port becomes.
    public static let port = 8080

    /// The normalized report.
    public static func normalize(_ report: RunReport) throws -> RunReport {
        var report = report
        let originalRunID = report.runID
        let authority = Self.authority(of: report.target.baseURL)
        report.runID = runID
        report.startedAt = epoch
        report.finishedAt = epoch
        if var preflight = report.preflight {
            preflight.exchanges = preflight.exchanges.map { normalize($0, port: authority?.port) }
            report.preflight = preflight
        }
        for suite in report.suites.indices {
            report.suites[suite].setupExchanges = report.suites[suite].setupExchanges.map {
                normalize($0, port: authority?.port)
            }
            for index in report.suites[suite].scenarios.indices {
                var scenario = report.suites[suite].scenarios[index]
                scenario.durationMicroseconds = 0
                scenario.exchanges = scenario.exchanges.map { normalize($0, port: authority?.port) }
                scenario.cleanupExchanges = scenario.cleanupExchanges.map { normalize($0, port: authority?.port) }
                report.suites[suite].scenarios[index] = scenario
            }
        }
        var text = String(decoding: try JSONReport.render(report), as: UTF8.self)
        text = text.replacingOccurrences(of: originalRunID, with: runID)
        if originalRunID.count > 4 {
            // The run tag marks every resource the kit creates, in whatever letter case a scenario sent it.
            let tag = NSRegularExpression.escapedPattern(for: "scimcheck-\(originalRunID.suffix(4))-")
            text = replace("(?i)" + tag, in: text) { match, _ in
                let placeholder = "scimcheck-\(runID.suffix(4))-"
                return match.first?.isUppercase == true ? placeholder.uppercased() : placeholder
            }
        }
        if let authority {
            text = text.replacingOccurrences(
                of: "\(authority.host):\(authority.port)", with: "\(authority.host):\(port)")
        }
        text = replace(#"[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT"#, in: text) { _, _ in
            "Sat, 01 Jan 2000 00:00:00 GMT"
        }
        text = replace(#"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:?\d{2})"#, in: text) { match, _ in
            if let dot = match.firstIndex(of: ".") {
                let digits = match[match.index(after: dot)...].prefix { $0.isNumber }.count
                return "2000-01-01T00:00:00." + String(repeating: "0", count: digits) + "Z"
            }
            return "2000-01-01T00:00:00Z"
        }
        text = replace(
            #"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"#, in: text, numbered: true
        ) { _, number in
            "00000000-0000-4000-8000-" + padded(number, 12)
        }
        // The SPEC-test replay's random digits (Runscope123, Scimcheck456), in whatever case a step sent them.
        text = replace(#"(?i)(Runscope|Scimcheck)\d{3}"#, in: text) { match, _ in
            String(match.dropLast(3)) + "000"
        }
        text = replace(#"\b00([ug])[A-Za-z0-9]{17}\b"#, in: text, numbered: true) { match, number in
            "00" + match.dropFirst(2).prefix(1) + padded(number, 17)
        }
        // Opaque entity tags (W/"3-1x9k2…") hash volatile values; plain version numbers stay. The text is JSON, so
        // the quotes come escaped once (header lines) or twice (inside a body).
        text = replace(#"W/(\\*)"([^"\\]+)(\\*)""#, in: text, key: entityTagValue) { match, number in
            let value = entityTagValue(match)
            guard !value.allSatisfy(\.isNumber), let range = match.range(of: value) else { return match }
            return match.replacingCharacters(in: range, with: "etag-\(number)")
        }
        var normalized = try JSONReport.parse(Data(text.utf8))
        fixContentLengths(&normalized)
        return normalized
    }

    /// Sets every `Content-Length` header line to the length of its (normalised) body.
    private static func fixContentLengths(_ report: inout RunReport) {
        func fix(_ exchange: Exchange) -> Exchange {
            var copy = exchange
            if var sent = copy.sent, let body = sent.body {
                sent.headerLines = sent.headerLines.map { contentLength($0, body.count) }
                copy.sent = sent
            }
            if var response = copy.response {
                response.headerLines = response.headerLines.map { contentLength($0, response.body.count) }
                copy.response = response
            }
            return copy
        }
        if var preflight = report.preflight {
            preflight.exchanges = preflight.exchanges.map(fix)
            report.preflight = preflight
        }
        for suite in report.suites.indices {
            report.suites[suite].setupExchanges = report.suites[suite].setupExchanges.map(fix)
            for index in report.suites[suite].scenarios.indices {
                report.suites[suite].scenarios[index].exchanges = report.suites[suite].scenarios[index].exchanges.map(
                    fix)
                report.suites[suite].scenarios[index].cleanupExchanges = report.suites[suite].scenarios[index]
                    .cleanupExchanges.map(fix)
            }
        }
    }

    private static func contentLength(_ line: String, _ count: Int) -> String {
        guard let colon = line.firstIndex(of: ":"),
            line[..<colon].trimmingCharacters(in: .whitespaces).caseInsensitiveEquals("Content-Length")
        else { return line }
        return "\(line[..<colon]): \(count)"
    }

    private static func normalize(_ exchange: Exchange, port: Int?) -> Exchange {
        var copy = exchange
        copy.timings = Timings()
        copy.startedAt = epoch
        if let port, copy.connection.remotePort == port { copy.connection.remotePort = Self.port }
        return copy
    }

    private static func authority(of url: String) -> (host: String, port: Int)? {
        guard let components = URLComponents(string: url), let host = components.host, let port = components.port
        else { return nil }
        return (host, port)
    }

    private static func padded(_ number: Int, _ width: Int) -> String {
        let digits = String(number)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    /// The opaque part of a (JSON-escaped) weak entity tag match such as `W/\"1-abc\"`.
    private static func entityTagValue(_ match: String) -> String {
        let afterPrefix = match.dropFirst(2).drop { $0 == "\\" }.dropFirst()
        return String(afterPrefix.prefix { $0 != "\\" && $0 != "\"" })
    }

    /// `text` with every match of `pattern` replaced; with `numbered`, equal matches get the same number,
    /// counted from 1 in order of first appearance.
    private static func replace(
        _ pattern: String, in text: String, numbered: Bool = false, with replacement: (String, Int) -> String
    ) -> String {
        replace(pattern, in: text, key: numbered ? { $0 } : nil, with: replacement)
    }

    /// `text` with every match of `pattern` replaced; with `key`, matches with equal keys get the same number,
    /// counted from 1 in order of first appearance.
    private static func replace(
        _ pattern: String, in text: String, key: ((String) -> String)?, with replacement: (String, Int) -> String
    ) -> String {
        guard let expression = try? NSRegularExpression(pattern: pattern) else { return text }
        let source = text as NSString
        var numbers: [String: Int] = [:]
        var output = ""
        var last = 0
        for match in expression.matches(in: text, range: NSRange(location: 0, length: source.length)) {
            let found = source.substring(with: match.range)
            var number = 0
            if let key {
                let name = key(found)
                number = numbers[name] ?? (numbers.count + 1)
                numbers[name] = number
            }
            output += source.substring(with: NSRange(location: last, length: match.range.location - last))
            output += replacement(found, number)
            last = match.range.location + match.range.length
        }
        output += source.substring(from: last)
        return output
    }
}
