/// A pointer into a specification: a document and a section, such as RFC 7644 §3.4.2.
public struct SpecReference: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The document, such as `RFC 7644` or `Okta SCIM 2.0 SPEC Test`.
    public var document: String
    /// The section or step within the document, such as `3.4.2`; empty for the whole document.
    public var section: String
    /// A link to the text, when there is a stable one.
    public var url: String?

    /// Creates a reference.
    public init(document: String, section: String, url: String? = nil) {
        self.document = document
        self.section = section
        self.url = url
    }

    /// A section of RFC 7643 (SCIM core schema).
    public static func rfc7643(_ section: String) -> SpecReference {
        SpecReference(
            document: "RFC 7643", section: section, url: "https://www.rfc-editor.org/rfc/rfc7643#section-\(section)")
    }

    /// A section of RFC 7644 (SCIM protocol).
    public static func rfc7644(_ section: String) -> SpecReference {
        SpecReference(
            document: "RFC 7644", section: section, url: "https://www.rfc-editor.org/rfc/rfc7644#section-\(section)")
    }

    /// A requirement ID of the project's RFC checklist (`research/rfc-checklist.md`), such as `LST-04`.
    public static func checklist(_ id: String) -> SpecReference {
        SpecReference(document: "scimcheck RFC checklist", section: id)
    }

    /// A section of Okta's behaviour as documented in its SCIM guides (`research/okta-behavior.md`).
    public static func okta(_ section: String, url: String? = nil) -> SpecReference {
        SpecReference(document: "Okta SCIM behaviour", section: section, url: url)
    }

    /// A step of Okta's "SCIM 2.0 SPEC Test" (the OIN submission test), okta-behavior §14.1.
    public static func oktaSpecTest(step: Int) -> SpecReference {
        SpecReference(
            document: "Okta SCIM 2.0 SPEC Test", section: "step \(step)",
            url: "https://developer.okta.com/docs/guides/scim-provisioning-integration-test/main/")
    }

    public var description: String { section.isEmpty ? document : "\(document) §\(section)" }
}
