import Foundation
import SCIMCore
import Testing

/// Checks that `response` is a SCIM error (RFC 7644 §3.12): the status, the body shape and the content type.
func expectSCIMError(
    _ response: TestResponse, status: Int, scimType: String? = nil, detailContains: String? = nil,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    #expect(response.status == status, "\(response.text)", sourceLocation: sourceLocation)
    #expect(
        response.header("Content-Type")?.hasPrefix(SCIMMediaType.scim) == true, "content type",
        sourceLocation: sourceLocation)
    guard let json = response.json else {
        Issue.record("no JSON body: \(response.text)", sourceLocation: sourceLocation)
        return
    }
    #expect(json["schemas"] == [.string(SCIMURN.error)], sourceLocation: sourceLocation)
    #expect(json["status"] == .string(String(status)), "status must be a string", sourceLocation: sourceLocation)
    #expect(json["scimType"]?.stringValue == scimType, sourceLocation: sourceLocation)
    #expect(json["detail"]?.stringValue?.isEmpty == false, sourceLocation: sourceLocation)
    if let detailContains {
        #expect(
            json["detail"]?.stringValue?.contains(detailContains) == true, "detail: \(json["detail"] ?? nil)",
            sourceLocation: sourceLocation)
    }
}

/// Percent-encodes a query value the way Okta does (`%20` for spaces, `%22` for quotes).
func queryEncoded(_ text: String) -> String {
    var allowed = CharacterSet.alphanumerics
    allowed.insert(charactersIn: "-._~")
    return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
}

extension JSONValue {
    /// The `value`s of a multi-valued attribute such as `members` or `groups`, as a set.
    func values(of attribute: String) -> Set<String> {
        Set(self[attribute]?.arrayValue?.compactMap { $0["value"]?.stringValue } ?? [])
    }

    /// The `id`s of a ListResponse's resources, in order.
    var resourceIDs: [String] {
        self["Resources"]?.arrayValue?.compactMap { $0["id"]?.stringValue } ?? []
    }

    /// The resource's `id`.
    var id: String { self["id"]?.stringValue ?? "" }
}
