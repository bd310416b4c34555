import SCIMCore
import Testing

@testable import SCIMServer

@Suite("Building blocks")
struct PrimitiveTests {
    static func hex(_ bytes: [UInt8]) -> String {
        bytes.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
    }

    @Test("SHA-256 matches the FIPS 180-4 examples")
    func sha256() {
        #expect(Self.hex(SHA256.hash([])) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(
            Self.hex(SHA256.hash(Array("abc".utf8)))
                == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        let twoBlocks = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"
        #expect(
            Self.hex(SHA256.hash(Array(twoBlocks.utf8)))
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        var incremental = SHA256()
        for _ in 0..<1000 { incremental.update(Array(repeating: UInt8(ascii: "a"), count: 1000)) }
        #expect(Self.hex(incremental.finalize()) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test("Password hashes are salted SHA-256, self-describing and verifiable (SEC-10)")
    func passwordHashes() {
        let hasher = PasswordHasher()
        let first = hasher.hash("secret")
        let second = hasher.hash("secret")
        #expect(first != second, "a fresh salt each time")
        #expect(first.hasPrefix("$sha256$"))
        #expect(first.contains("secret") == false)
        #expect(PasswordHasher.verify("secret", against: first))
        #expect(PasswordHasher.verify("Secret", against: first) == false)
        // SHA-256("salt" + "password"), computed independently (Python hashlib), salt "salt" in Base64.
        let digest = "E2Ab2k6njlWge5iGbSvmvgdE44ZvE8AMgRyrYIoo8yI"
        let known = "$sha256$c2FsdA$\(digest)"
        #expect(PasswordHasher.verify("password", against: known))
        #expect(PasswordHasher.verify("passwor", against: known) == false)
        let malformed = [
            "", "secret", "$sha256$$\(digest)", "$sha256$c2FsdA$AA", "$sha256$c2FsdA", "\(known)$x",
            "$pbkdf2-sha256$i=1000$c2FsdA$\(digest)", "$md5$x",
        ]
        for encoded in malformed {
            #expect(PasswordHasher.verify("password", against: encoded) == false, "\(encoded)")
        }
    }

    @Test("Timestamps are RFC 3339 UTC with milliseconds and read back exactly")
    func timestamps() {
        #expect(SCIMTimestamp(millisecondsSince1970: 0).rfc3339 == "1970-01-01T00:00:00.000Z")
        #expect(SCIMTimestamp(millisecondsSince1970: 951_782_400_123).rfc3339 == "2000-02-29T00:00:00.123Z")
        #expect(SCIMTimestamp(millisecondsSince1970: -1).rfc3339 == "1969-12-31T23:59:59.999Z")
        let now = SCIMTimestamp.now()
        #expect(SCIMTimestamp(rfc3339: now.rfc3339) == now)
        for bad in ["2024-02-30T00:00:00.000Z", "2024-01-01T00:00:00Z", "2024-01-01 00:00:00.000Z", ""] {
            #expect(SCIMTimestamp(rfc3339: bad) == nil, "\(bad)")
        }
    }

    @Test("The filter parser reads the RFC 7644 grammar with its precedence")
    func filterParser() throws {
        let user = AttributePath(schema: nil, name: "userName", subAttribute: nil)
        #expect(try SCIMFilter.parse("userName eq \"a\\\"b\"") == .compare(user, .eq, "a\"b"))
        #expect(try SCIMFilter.parse("userName Pr") == .present(user))
        let precedence = try SCIMFilter.parse("a eq 1 or b eq true and not(c pr)")
        let a = AttributePath(schema: nil, name: "a", subAttribute: nil)
        let b = AttributePath(schema: nil, name: "b", subAttribute: nil)
        let c = AttributePath(schema: nil, name: "c", subAttribute: nil)
        #expect(precedence == .or(.compare(a, .eq, 1), .and(.compare(b, .eq, true), .not(.present(c)))))
        let grouped = try SCIMFilter.parse("(a eq null or b ne 1.5) and c pr")
        #expect(grouped == .and(.or(.compare(a, .eq, nil), .compare(b, .ne, 1.5)), .present(c)))
        let valuePath = try SCIMFilter.parse("emails[type eq \"work\" and value co \"@example.com\"]")
        guard case .valuePath(let path, .and) = valuePath else {
            Issue.record("\(valuePath)")
            return
        }
        #expect(path.name == "emails")
        let urn = try SCIMFilter.parse("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value pr")
        #expect(
            urn
                == .present(
                    AttributePath(
                        schema: "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User", name: "manager",
                        subAttribute: "value")))
        let deep = String(repeating: "(", count: 100) + "a pr" + String(repeating: ")", count: 100)
        #expect(throws: FilterSyntaxError.self) { try SCIMFilter.parse(deep) }
        #expect(throws: FilterSyntaxError.self) { try SCIMFilter.parse(String(repeating: "a", count: 5000)) }
    }

    @Test("xsd:dateTime values read as instants: fractions, offsets, no zone (SCH-05, FILT-15)")
    func dateTimes() throws {
        let utc = try #require(SCIMDateTime("2015-10-10T21:38:21.8617979Z"))
        #expect(SCIMDateTime("2015-10-10T14:38:21.8617979-07:00") == utc)
        #expect(SCIMDateTime("2015-10-10T21:38:21.861797900Z") == utc)
        #expect(try #require(SCIMDateTime("2015-10-10T21:38:22Z")) > utc)
        #expect(SCIMDateTime("2015-10-10T21:38:21") != nil, "no zone reads as UTC")
        for bad in ["2015-02-29T00:00:00Z", "2015-10-10", "2015-10-10T25:00:00Z", "2015-10-10T21:38:21.Z", "x"] {
            #expect(SCIMDateTime(bad) == nil, "\(bad)")
        }
    }

    @Test("Entity tags compare opaquely, weak or strong, in lists and with * (ETAG-06, ETAG-07, RFCX-14)")
    func entityTags() {
        #expect(EntityTag.header("W/\"3\"", matches: "W/\"3\""))
        #expect(EntityTag.header("\"3\"", matches: "W/\"3\""))
        #expect(EntityTag.header("W/\"1\", W/\"3\"", matches: "W/\"3\""))
        #expect(EntityTag.header("*", matches: "W/\"9\""))
        #expect(EntityTag.header("W/\"a,b\"", matches: "W/\"a,b\""), "commas inside quotes")
        #expect(EntityTag.header("W/\"4\"", matches: "W/\"3\"") == false)
        #expect(EntityTag.header("", matches: "W/\"3\"") == false)
    }

    @Test("PATCH paths: attribute, URN, value filter with sub-attribute; errors say whether in the filter")
    func patchPaths() throws {
        let plain = try PatchPath.parse("name.givenName")
        #expect(plain.attribute == AttributePath(schema: nil, name: "name", subAttribute: "givenName"))
        let filtered = try PatchPath.parse("emails[type eq \"work\"].value")
        #expect(filtered.attribute.name == "emails")
        #expect(filtered.subAttribute == "value")
        #expect(filtered.filter == .compare(AttributePath(schema: nil, name: "type", subAttribute: nil), .eq, "work"))
        let urn = try PatchPath.parse("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager")
        #expect(urn.attribute.schema == "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User")
        #expect(throws: FilterSyntaxError.self) { try PatchPath.parse("name..x") }
        do {
            _ = try PatchPath.parse("members[value zz \"x\"]")
            Issue.record("parsed")
        } catch {
            #expect(error.inValueFilter)
        }
        let entra = try SCIMFilter.parse("emails[type eq \"work\"].value eq \"x\"", allowValuePathComparison: true)
        guard case .valuePath(_, .and(_, .compare(let sub, .eq, "x"))) = entra else {
            Issue.record("\(entra)")
            return
        }
        #expect(sub.name == "value")
        #expect(throws: FilterSyntaxError.self) { try SCIMFilter.parse("emails[type eq \"work\"].value eq \"x\"") }
    }

    @Test("Query values are percent-decoded, with + as a space")
    func queryDecoding() {
        let parameters = QueryParameters(query: "Filter=userName%20eq+%22a%40b%22&count=2&bad=%E2%28&lone=%zz")
        #expect(parameters["filter"] == .some("userName eq \"a@b\""))
        #expect(parameters["COUNT"] == .some("2"))
        #expect(parameters["bad"] == .some(nil), "invalid UTF-8 is reported, not replaced")
        #expect(parameters["lone"] == .some("%zz"))
        #expect(parameters["missing"] == nil)
    }
}
