import Foundation
import SCIMCheckHTTP
import SCIMCheckKit
import SCIMCore

extension HTMLPage {
    /// Bodies longer than this are cut in the page (the JSON report keeps them whole).
    static let bodyDisplayLimit = 256 * 1024

    /// One exchange: the request as sent, the response, timings and connection, and copy-as-curl.
    mutating func exchangeBlock(_ exchange: Exchange, id: String, label: String, open: Bool) {
        let requestLine = exchange.sent?.requestLine ?? "\(exchange.request.method) \(exchange.request.url)"
        output += "<div class=\"exchange\" id=\"\(h(id))\">\n<details\(open ? " open" : "")><summary>\(h(label)): "
        output += "<code>\(h(requestLine))</code> → "
        if let response = exchange.response {
            output += "<span class=\"status status-\(response.status / 100)xx\">\(h(statusText(response)))</span>"
        } else {
            output += "<span class=\"status status-none\">no response</span>"
        }
        output += " · \(h(milliseconds(exchange.timings.total)))</summary>\n<div class=\"panes\">\n"
        output +=
            "<div class=\"pane\"><h5>Request \(exchange.sent == nil ? "(as asked; not captured as sent)" : "as sent")"
        output += "</h5>\n"
        if let sent = exchange.sent {
            output +=
                "<pre class=\"http\">\(h(([sent.requestLine] + sent.headerLines).joined(separator: "\n")))</pre>\n"
            body(sent.body ?? exchange.request.body)
        } else {
            let lines =
                ["\(exchange.request.method) \(exchange.request.url)"]
                + exchange.request.headers.map { "\($0.name): \($0.value)" }
            output += "<pre class=\"http\">\(h(lines.joined(separator: "\n")))</pre>\n"
            body(exchange.request.body)
        }
        output += "</div>\n<div class=\"pane\"><h5>Response</h5>\n"
        if let response = exchange.response {
            output += "<pre class=\"http\">\(h(([response.statusLine] + response.headerLines).joined(separator: "\n")))"
            output += "</pre>\n"
            body(response.body)
        } else {
            output += "<p class=\"bad\">No response arrived (see the scenario's reason).</p>\n"
        }
        output += "</div>\n</div>\n"
        timings(exchange)
        let curlID = "curl-" + id
        output += "<div class=\"curl\"><div class=\"curl-head\"><span>Copy as curl (credentials from the "
        output += "environment)</span><button type=\"button\" class=\"copy\" data-copy=\"\(h(curlID))\">Copy</button>"
        output += "</div>\n<pre id=\"\(h(curlID))\">"
        output += h(CurlCommand.render(exchange.request, authentication: report.target.authentication))
        output += "</pre></div>\n</details>\n</div>\n"
    }

    private func statusText(_ response: HTTPResponse) -> String {
        let parts = response.statusLine.split(separator: " ", maxSplits: 1)
        return parts.count == 2 ? String(parts[1]) : "\(response.status)"
    }

    private mutating func body(_ body: Body?) {
        guard let body, !body.isEmpty else {
            output += "<p class=\"empty\">(no body)</p>\n"
            return
        }
        guard let text = body.text else {
            output += "<p class=\"empty\">\(body.count) bytes that are not UTF-8 (base64 in report.json)</p>\n"
            return
        }
        var shown = text
        var json = false
        if let value = try? JSONValue.parse(text), value.objectValue != nil || value.arrayValue != nil {
            shown = value.serialized(.pretty)
            json = true
        }
        var cut = false
        if shown.utf8.count > Self.bodyDisplayLimit {
            shown = String(decoding: shown.utf8.prefix(Self.bodyDisplayLimit), as: UTF8.self)
            cut = true
        }
        output += "<pre class=\"body\(json ? " json" : "")\">\(h(shown))</pre>\n"
        if cut { output += "<p class=\"empty\">Cut at \(Self.bodyDisplayLimit) bytes; report.json has it all.</p>\n" }
    }

    private mutating func timings(_ exchange: Exchange) {
        let timings = exchange.timings
        let connection = exchange.connection
        var facts = [
            "total \(milliseconds(timings.total))", "first byte \(milliseconds(timings.firstByte))",
            "DNS \(milliseconds(timings.nameLookup))", "connect \(milliseconds(timings.connect))",
            "TLS \(milliseconds(timings.tls))", connection.reused ? "reused connection" : "new connection",
        ]
        if let version = connection.httpVersion { facts.append("HTTP/\(version)") }
        if let address = connection.remoteAddress {
            facts.append(connection.remotePort.map { "\(address):\($0)" } ?? address)
        }
        facts.append("started \(iso(exchange.startedAt))")
        output += "<p class=\"timings\">\(h(facts.joined(separator: " · ")))</p>\n"
    }
}
