import Foundation
import SCIMCore

/// An app attribute's external name parsed into steps, and written into SCIM JSON (okta-behavior §10.1).
///
/// Forms: `displayName`; dotted `name.givenName`; filtered `emails.^[primary==true].value` and
/// `roles.^[type=='base'].value` (the element whose sub-attribute equals the literal, created when
/// missing, with the filter's own pair written first).
public struct OktaAttributePath: Sendable, Hashable {
    enum Step: Sendable, Hashable {
        case member(String)
        case filtered(attribute: String, key: String, equals: JSONValue)
    }

    let steps: [Step]

    /// Parses `externalName`; returns `nil` for a form Okta does not produce.
    public init?(_ externalName: String) {
        var steps: [Step] = []
        var rest = externalName
        if let filterStart = externalName.range(of: ".^[") {
            guard let close = externalName[filterStart.upperBound...].firstIndex(of: "]") else { return nil }
            let attribute = String(externalName[..<filterStart.lowerBound])
            let parts = externalName[filterStart.upperBound..<close].components(separatedBy: "==")
            guard !attribute.isEmpty, !attribute.contains("."), parts.count == 2,
                let literal = Self.literal(parts[1].trimmingCharacters(in: .whitespaces))
            else { return nil }
            steps.append(
                .filtered(attribute: attribute, key: parts[0].trimmingCharacters(in: .whitespaces), equals: literal))
            rest = String(externalName[externalName.index(after: close)...])
            guard rest.hasPrefix(".") else { return nil }
            rest.removeFirst()
        }
        let names = rest.split(separator: ".", omittingEmptySubsequences: false)
        guard !names.contains(where: \.isEmpty), !rest.contains("["), !rest.contains("^") else { return nil }
        steps += names.map { .member(String($0)) }
        self.steps = steps
    }

    private static func literal(_ text: String) -> JSONValue? {
        switch text {
        case "true": return .bool(true)
        case "false": return .bool(false)
        default:
            guard text.count >= 2, let first = text.first, first == "'" || first == "\"", text.last == first else {
                return nil
            }
            return .string(String(text.dropFirst().dropLast()))
        }
    }

    /// Writes `value` at this path inside `object`, creating objects and filtered elements as needed.
    public func write(_ value: JSONValue, into object: inout JSONObject) {
        Self.write(value, steps: steps[...], into: &object)
    }

    private static func write(_ value: JSONValue, steps: ArraySlice<Step>, into object: inout JSONObject) {
        guard let step = steps.first else { return }
        let rest = steps.dropFirst()
        switch step {
        case .member(let name):
            let key = object.member(caseInsensitive: name)?.key ?? name
            if rest.isEmpty {
                object[key] = value
            } else {
                var child = object[key]?.objectValue ?? JSONObject()
                write(value, steps: rest, into: &child)
                object[key] = .object(child)
            }
        case .filtered(let attribute, let filterKey, let literal):
            let key = object.member(caseInsensitive: attribute)?.key ?? attribute
            var elements = object[key]?.arrayValue ?? []
            let index =
                elements.firstIndex { $0.objectValue?.member(caseInsensitive: filterKey)?.value == literal }
                ?? {
                    elements.append(.object(JSONObject([(filterKey, literal)])))
                    return elements.count - 1
                }()
            var element = elements[index].objectValue ?? JSONObject()
            write(value, steps: rest, into: &element)
            elements[index] = .object(element)
            object[key] = .array(elements)
        }
    }
}
