import Foundation
import SCIMCore

/// One hostile request of the committed corpus (`Fixtures/hostile/*.jsonl`, format in its README.md).
struct HostileCase: Sendable, CustomStringConvertible {
    /// What a case accepts as the server's answer; never a 5xx, never a hang.
    enum Expectation: String, Sendable {
        /// A 4xx with a SCIM error body.
        case error
        /// A 2xx/3xx, or a 4xx with a SCIM error body: the input is odd but may be valid.
        case accept
        /// HTTP-level garbage (DESIGN §8.17): a bare 4xx or a closed connection is fine too.
        case http
    }

    /// Values a case's text refers to with `{name}` placeholders.
    struct Placeholders: Sendable {
        var base: String
        var user: String
        var group: String
        var token: String
        var host: String
    }

    /// Unique id, `file.name`.
    var id: String
    /// What the case probes, in words.
    var probe: String
    var method: String
    var target: String
    /// Header fields that replace the defaults of the same name; a `nil` value only removes the default.
    var headers: [(name: String, value: String?)]
    var body: String?
    /// The whole request, for `RAW` cases.
    var raw: String?
    /// `{fill}` expands to `fill.text` repeated `fill.count` times.
    var fill: (text: String, count: Int)?
    /// Whether `\xNN` in the target, header values, body and raw text are raw bytes.
    var bytes: Bool
    /// Whether the body is sent with `Transfer-Encoding: chunked`.
    var chunked: Bool
    var expectation: Expectation
    /// The exact status expected, when the case names one.
    var status: Int?

    var description: String { "\(id) (\(probe))" }

    /// Reads one JSON line of the corpus.
    init(line: Substring) throws {
        let json = try JSONValue.parse(Array(line.utf8), limits: JSONParseLimits(maxBytes: 1 << 20))
        func string(_ key: String) -> String? { json[key]?.stringValue }
        guard let id = string("id"), let probe = string("probe"), let method = string("method"),
            let target = string("target")
        else { throw CorpusError("a case needs id, probe, method and target: \(line.prefix(120))") }
        self.id = id
        self.probe = probe
        self.method = method
        self.target = target
        headers = (json["headers"]?.arrayValue ?? []).compactMap { pair in
            guard let items = pair.arrayValue, items.count == 2, let name = items[0].stringValue else { return nil }
            return (name, items[1].stringValue)
        }
        body = string("body")
        raw = string("raw")
        if let fill = json["fill"], let text = fill["text"]?.stringValue, case .int(let count)? = fill["count"] {
            self.fill = (text, count)
        }
        bytes = json["bytes"] == .bool(true)
        chunked = json["chunked"] == .bool(true)
        guard let expectation = Expectation(rawValue: string("expect") ?? "error") else {
            throw CorpusError("\(id): unknown expect \(string("expect") ?? "")")
        }
        self.expectation = expectation
        if case .int(let status)? = json["status"] { self.status = status }
    }

    /// The request exactly as it goes on the wire.
    func request(_ values: Placeholders) -> [UInt8] {
        let fillText = fill.map { String(repeating: $0.text, count: $0.count) } ?? ""
        func expand(_ text: String) -> [UInt8] {
            var text = text.replacingOccurrences(of: "{base}", with: values.base)
                .replacingOccurrences(of: "{user}", with: values.user)
                .replacingOccurrences(of: "{group}", with: values.group)
                .replacingOccurrences(of: "{token}", with: values.token)
            if fill != nil { text = text.replacingOccurrences(of: "{fill}", with: fillText) }
            return bytes ? Self.unescapingBytes(text) : Array(text.utf8)
        }
        if method == "RAW" { return expand(raw ?? "") }
        let payload = body.map(expand)
        var fields: [(String, [UInt8])] = [
            ("Host", Array(values.host.utf8)), ("Authorization", Array("Bearer \(values.token)".utf8)),
            ("Accept", Array(SCIMMediaType.scim.utf8)), ("Connection", Array("close".utf8)),
        ]
        if let payload {
            fields.append(("Content-Type", Array(SCIMMediaType.scim.utf8)))
            fields.append(
                chunked
                    ? ("Transfer-Encoding", Array("chunked".utf8)) : ("Content-Length", Array("\(payload.count)".utf8)))
        }
        let overridden = Set(headers.map { $0.name.lowercased() })
        fields.removeAll { overridden.contains($0.0.lowercased()) }
        for (name, value) in headers { if let value { fields.append((name, expand(value))) } }
        var wire = Array("\(method) ".utf8) + expand(target) + Array(" HTTP/1.1\r\n".utf8)
        for (name, value) in fields { wire += Array("\(name): ".utf8) + value + [13, 10] }
        wire += [13, 10]
        guard let payload else { return wire }
        guard chunked else { return wire + payload }
        var offset = 0
        while offset < payload.count {
            let end = min(offset + 65536, payload.count)
            wire += Array(String(end - offset, radix: 16).utf8) + [13, 10] + payload[offset..<end] + [13, 10]
            offset = end
        }
        return wire + Array("0\r\n\r\n".utf8)
    }

    /// UTF-8 of `text` with each `\xNN` replaced by the byte `NN`.
    static func unescapingBytes(_ text: String) -> [UInt8] {
        let utf8 = Array(text.utf8)
        var result: [UInt8] = []
        var index = 0
        while index < utf8.count {
            if utf8[index] == UInt8(ascii: "\\"), index + 3 < utf8.count, utf8[index + 1] == UInt8(ascii: "x"),
                let byte = UInt8(String(decoding: utf8[index + 2...index + 3], as: UTF8.self), radix: 16)
            {
                result.append(byte)
                index += 4
            } else {
                result.append(utf8[index])
                index += 1
            }
        }
        return result
    }

    /// Every case of the corpus, in file order; ids are unique.
    static func corpus() throws -> [HostileCase] {
        guard let fixtures = Bundle.module.url(forResource: "Fixtures", withExtension: nil) else {
            throw CorpusError("the hostile corpus is not in the test bundle")
        }
        let directory = fixtures.appendingPathComponent("hostile")
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path)
            .filter { $0.hasSuffix(".jsonl") }.sorted()
        var cases: [HostileCase] = []
        for file in files {
            let text = try String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)
            for line in text.split(separator: "\n") where !line.isEmpty { cases.append(try HostileCase(line: line)) }
        }
        guard Set(cases.map(\.id)).count == cases.count else { throw CorpusError("case ids repeat") }
        return cases
    }

    /// Why the corpus could not be read.
    struct CorpusError: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }

    /// What is wrong with `outcome` for this case, or `nil` when it is acceptable.
    func problem(with outcome: HostileOutcome) -> String? {
        switch outcome {
        case .timedOut:
            return "the server did not answer in time (a hang): \(outcome)"
        case .closed:
            return expectation == .http ? nil : "the connection closed without a response: \(outcome)"
        case .response(let code, _, let body):
            if code >= 500 { return "a server error: \(outcome)" }
            if let status, code != status { return "expected \(status), got \(outcome)" }
            if code < 400 {
                return expectation == .error ? "expected a 4xx SCIM error, got \(outcome)" : nil
            }
            if expectation == .http { return nil }
            let json = try? JSONValue.parse(body)
            guard json?["schemas"]?.arrayValue?.contains(.string(SCIMURN.error)) == true,
                json?["status"] == .string(String(code))
            else { return "a \(code) without a SCIM error body (schemas, status as a string): \(outcome)" }
            return nil
        }
    }
}
