import PropertyBased
import SCIMCore
import Testing

@testable import SCIMServer

/// Property-based checks of the filter and PATCH parsers (the short, in-suite companion of `ci/fuzz.sh`).
///
/// Inputs are token soups and grammar-built strings, so most runs reach deep into the parsers rather than failing
/// on the first character. Properties: nothing traps; a bad filter is 400 `invalidFilter` (FILT-05); every error
/// a PATCH can raise is a `SCIMError` with a 4xx status, since any other error would become a 500 (ERR-01);
/// filters built from RFC 7644 §3.4.2.2's grammar always parse and compile.
@Suite("Filter and PATCH parsers: properties over generated input")
struct FuzzParserPropertyTests {
    static let filterTokens = [
        "userName", "emails", "name", ".", "givenName", "value", "type", "members", "meta.created", "active",
        "urn:ietf:params:scim:schemas:core:2.0:User:", "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:",
        "manager", "$ref", " ", " ", " eq ", " ne ", " co ", " sw ", " gt ", " le ", " pr", " and ", " or ", "not ",
        "(", ")", "[", "]", "\"", "\"a\"", "\"2024-05-01T10:20:30Z\"", "1", "-2.5e3", "true", "null", "\\", "\\u00",
        ":", "é", "\u{0}", "\u{202E}", "😀", "x",
    ]
    static let values: [JSONValue] = [
        .null, true, 1, 1.5, "", "x", "work", [], [nil], [1, "a"], [:], ["value": "u1"], ["value": 1],
        [["value": "u2", "type": "User"]], ["givenName": "G", "familyName": []], ["a.b": 1, "urn:x": [:]],
        [["value": "a@x", "type": "work", "primary": true]], ["employeeNumber": 5],
    ]
    static let sample = ParserSamples.user

    @Test("Token soups: a filter parses or is refused; compiling refuses with 400 invalidFilter; nothing traps")
    func filterSoup() async {
        let tokens = Self.filterTokens
        let soup = Gen.int(in: 0...(tokens.count - 1)).array(of: 1...24).map { $0.map { tokens[$0] }.joined() }
        await propertyCheck(count: 400, input: soup) { text in
            for profile in [ServerProfile.compatible, .rfcStrict] {
                let lenient = profile.allows(.filterValuePathSubAttrCompare)
                guard let filter = try? SCIMFilter.parse(text, allowValuePathComparison: lenient) else { continue }
                for type in [SCIMResourceType.user, .group] {
                    do {
                        _ = try FilterCompiler(type: type, profile: profile).compile(filter).matches(Self.sample)
                    } catch let error as SCIMError {
                        #expect(error.status == .badRequest && error.scimType == .invalidFilter, "\(text): \(error)")
                    } catch {
                        Issue.record("\(text): \(error) is not a SCIMError")
                    }
                }
            }
        }
    }

    @Test("Grammar-built filters always parse and compile for Users")
    func grammarFilters() async {
        let atoms = [
            "userName eq \"bjensen\"", "name.familyName co \"O'Malley\"", "userName sw \"J\"", "title pr",
            "meta.lastModified gt \"2011-05-13T04:42:34Z\"", "emails[type eq \"work\" and value co \"@example.com\"]",
            "active eq true", "emails.type ne \"home\"", "urn:ietf:params:scim:schemas:core:2.0:User:userName le \"z\"",
            "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber eq \"7\"", "externalId eq null",
        ]
        let input = zip(
            Gen.int(in: 0...(atoms.count - 1)).array(of: 1...6), Gen.bool.array(of: 6), Gen.int(in: 0...2).array(of: 6))
        await propertyCheck(count: 300, input: input) { picks, ors, wraps in
            var text = ""
            for (index, pick) in picks.enumerated() {
                var atom = atoms[pick]
                if wraps[index] == 1 { atom = "(\(atom))" }
                if wraps[index] == 2 { atom = "not (\(atom))" }
                text += index == 0 ? atom : (ors[index] ? " or " : " and ") + atom
            }
            do {
                let filter = try SCIMFilter.parse(text)
                _ = try FilterCompiler(type: .user, profile: .rfcStrict).compile(filter).matches(Self.sample)
            } catch {
                Issue.record("\(text) was refused: \(error)")
            }
        }
    }

    @Test("Generated PATCH operations: applied, or refused with a 4xx SCIMError; nothing traps")
    func patchOperations() async {
        let paths = [
            "title", "name.givenName", "emails", "emails[type eq \"work\"]", "emails[type eq \"work\"].value",
            "members", "members[value eq \"u1\"]", "active",
            "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User",
            "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager", "id", "meta", "groups", "x.y.z", "[",
            "emails[", "password", "displayName", "externalId", "schemas", "urn:x:y",
        ]
        let ops = ["add", "remove", "replace", "Replace", "REMOVE", "move", ""]
        let operation = zip(
            Gen.int(in: 0...(ops.count - 1)), Gen.int(in: -1...(paths.count - 1)),
            Gen.int(in: -1...(Self.values.count - 1)))
        await propertyCheck(count: 400, input: operation.array(of: 1...4)) { generated in
            let operations: [JSONValue] = generated.map { op, path, value in
                var object = JSONObject([("op", .string(ops[op]))])
                if path >= 0 { object["path"] = .string(paths[path]) }
                if value >= 0 { object["value"] = Self.values[value] }
                return .object(object)
            }
            let body = JSONObject([("schemas", [.string(SCIMURN.patchOp)]), ("Operations", .array(operations))])
            for profile in [ServerProfile.compatible, .rfcStrict] {
                for (type, document) in [(SCIMResourceType.user, ParserSamples.user), (.group, ParserSamples.group)] {
                    do {
                        let request = try PatchRequest(body: body, profile: profile)
                        var engine = PatchEngine(type: type, profile: profile, document: document, current: document)
                        try engine.apply(request.operations)
                        if type == .user {
                            _ = try UserInput(body: engine.document, profile: profile)
                        } else {
                            _ = try GroupInput(body: engine.document, profile: profile)
                        }
                    } catch let error as SCIMError {
                        #expect((400..<500).contains(error.status.code), "\(operations): \(error)")
                    } catch {
                        Issue.record("\(JSONValue.array(operations).serialized()): \(error) is not a SCIMError")
                    }
                }
            }
        }
    }
}

/// A user and a group with every kind of attribute the parsers meet: complex, multi-valued, extensions.
enum ParserSamples {
    static let user: JSONObject =
        ([
            "schemas": [.string(SCIMURN.coreUser), .string(SCIMURN.enterpriseUser)], "userName": "sample",
            "active": true, "title": "t", "name": ["givenName": "G", "familyName": "F"],
            "emails": [["value": "a@x", "type": "work", "primary": true], ["value": "b@x", "type": "home"]],
            SCIMURN.enterpriseUser: ["employeeNumber": "7", "manager": ["value": "m"]],
        ] as JSONValue).objectValue ?? JSONObject()
    static let group: JSONObject =
        ([
            "schemas": [.string(SCIMURN.coreGroup)], "displayName": "g",
            "members": [["value": "u1", "type": "User"], ["value": "u2", "type": "User"]],
        ] as JSONValue).objectValue ?? JSONObject()
}
