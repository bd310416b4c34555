/// The functions of Okta's Expression Language this simulator implements.
///
/// Names, signatures and examples come from Okta's Expression Language reference (S12; okta-behavior.md
/// §10.3). Where Okta is silent about edge cases (null input, missing separator, out-of-range index) the
/// `String.*` functions follow Apache Commons Lang `StringUtils`, whose names (`substringBefore`,
/// `substringAfter`, `substring`) Okta's deprecated bare functions reuse; string lengths and indexes
/// count UTF-16 code units, like Java's `String`. Each case documents its semantics and source.
enum OktaExpressionFunction: String, Sendable, Hashable, CaseIterable {
    /// `String.append(str, suffix)`: `str` followed by `suffix` (S12: `String.append("This is", " a test")`
    /// is `This is a test`). A `null` part reads as empty [inferred].
    case stringAppend = "String.append"
    /// `String.join(separator, strings…)`: the strings joined by `separator` (S12:
    /// `String.join(",", "This", "is", "a", "test")` is `This,is,a,test`). `null` elements and a `null`
    /// separator read as empty, as in `StringUtils.join` [inferred].
    case stringJoin = "String.join"
    /// `String.len(input)`: the length in UTF-16 code units (S12: `String.len("This")` is 4); `null` is 0,
    /// as `StringUtils.length` and S12's own sample `String.len(middleInitial) == 0` suggest [inferred].
    case stringLen = "String.len"
    /// `String.removeSpaces(input)`: `input` without U+0020 spaces (S12: `String.removeSpaces("This is a
    /// test")` is `Thisisatest`); other whitespace is kept [inferred from the name]; `null` gives `null`.
    case stringRemoveSpaces = "String.removeSpaces"
    /// `String.replace(input, match, replacement)`: every occurrence of `match` replaced, left to right,
    /// without overlap (S12: `String.replace("This is a test", "is", "at")` is `That at a test`). `match`
    /// is literal text, not a regex [inferred; Okta documents no regex]; an empty or `null` `match`, or a
    /// `null` replacement, leaves `input` unchanged (`StringUtils.replace`); `null` input gives `null`.
    case stringReplace = "String.replace"
    /// `String.replaceFirst(input, match, replacement)`: the first occurrence only (S12:
    /// `String.replaceFirst("This is a test", "is", "at")` is `That is a test`); otherwise as `replace`.
    case stringReplaceFirst = "String.replaceFirst"
    /// `String.stringContains(input, searchString)`: whether `searchString` occurs in `input`,
    /// case-sensitively (S12); an empty search string occurs everywhere; `null` on either side is `false`
    /// (`StringUtils.contains`).
    case stringContains = "String.stringContains"
    /// `String.stringSwitch(input, defaultString, key1, value1, …)`: the value of the first key, in
    /// argument order, that occurs in `input` as a substring, else the default (S12: "First match wins",
    /// "Substrings count"). A `null` key is skipped; a `null` input gives the default [inferred].
    case stringSwitch = "String.stringSwitch"
    /// `String.substring(input, startIndex, endIndex)`: the code units from `startIndex` up to, not
    /// including, `endIndex` (S12: `String.substring("This is a test", 2, 9)` is `is is a`). Out-of-range
    /// indexes follow `StringUtils.substring`: a negative index counts from the end, `endIndex` is clamped
    /// to the length, and `startIndex > endIndex` gives `""`, so Okta's "last 20 characters" example
    /// `String.substring(s, String.len(s)-20, String.len(s))` also works on shorter strings.
    case stringSubstring = "String.substring"
    /// `String.substringAfter(input, searchString)`: the text after the first occurrence (S12:
    /// `String.substringAfter("abc@okta.com", "@")` is `okta.com`); `""` when absent or `null` search,
    /// `input` when the search is empty (`StringUtils.substringAfter`); `null` input gives `null`.
    case stringSubstringAfter = "String.substringAfter"
    /// `String.substringBefore(input, searchString)`: the text before the first occurrence (S12:
    /// `String.substringBefore("abc@okta.com", "@")` is `abc`); `input` when absent or `null` search, `""`
    /// when the search is empty (`StringUtils.substringBefore`); `null` input gives `null`.
    case stringSubstringBefore = "String.substringBefore"
    /// `String.toUpperCase(input)` (S12: `String.toUpperCase("This")` is `THIS`); `null` gives `null`.
    case stringToUpperCase = "String.toUpperCase"
    /// `String.toLowerCase(input)` (S12: `String.toLowerCase("ThiS")` is `this`); `null` gives `null`.
    case stringToLowerCase = "String.toLowerCase"
    /// Deprecated `toUpperCase(string)` (S12), the same as `String.toUpperCase`.
    case legacyToUpperCase = "toUpperCase"
    /// Deprecated `toLowerCase(string)` (S12), the same as `String.toLowerCase`.
    case legacyToLowerCase = "toLowerCase"
    /// Deprecated `substringBefore(string, string)` (S12), the same as `String.substringBefore`.
    case legacySubstringBefore = "substringBefore"
    /// Deprecated `substringAfter(string, string)` (S12), the same as `String.substringAfter`.
    case legacySubstringAfter = "substringAfter"
    /// Deprecated `substring(string, int, int)` (S12: `substring("Alexander", 1, 4)` is `lex`).
    case legacySubstring = "substring"

    /// `Arrays.add(array, value)`: a copy with `value` appended (S12: `Arrays.add({10, 20, 30}, 40)`).
    case arraysAdd = "Arrays.add"
    /// `Arrays.remove(array, value)`: a copy without the first element equal to `value` (S12:
    /// `Arrays.remove({10, 20, 30}, 20)` is `{10, 30}`; first-only follows Java's `List.remove`).
    case arraysRemove = "Arrays.remove"
    /// `Arrays.clear(array)`: the empty array (S12).
    case arraysClear = "Arrays.clear"
    /// `Arrays.get(array, position)`: the element at a 0-based position (S12: `Arrays.get({0, 1, 2}, 0)`
    /// is 0); an out-of-range position is an error, as Java's `List.get` throws.
    case arraysGet = "Arrays.get"
    /// `Arrays.flatten(values…)`: the values with nested arrays flattened, recursively (S12:
    /// `Arrays.flatten(10, {20, 30}, 40)` is `{10, 20, 30, 40}`). A `null` value is an error: Okta support
    /// says the expression "fails to evaluate if any element contains a null" ("Merged Attributes Using
    /// Arrays.flatten Do Not Update After Okta Active Directory Import").
    case arraysFlatten = "Arrays.flatten"
    /// `Arrays.contains(array, value)`: whether an element equals `value` as `==` compares (S12).
    case arraysContains = "Arrays.contains"
    /// `Arrays.size(array)`: the element count; `Arrays.size(NULL)` is 0 (S12).
    case arraysSize = "Arrays.size"
    /// `Arrays.isEmpty(array)`: whether there are no elements; `Arrays.isEmpty(NULL)` is `true` (S12).
    case arraysIsEmpty = "Arrays.isEmpty"
    /// `Arrays.toCsvString(array)`: the elements joined by `,` with no added spaces (S12:
    /// `Arrays.toCsvString({"This", "is", " a ", "test"})` is `This,is, a ,test`).
    case arraysToCsvString = "Arrays.toCsvString"

    /// `Convert.toInt(value)`: a string parsed as Java's `Integer.parseInt` does (S12: `'1234'` gives
    /// 1234), or a number rounded half up (S12: 123.4 gives 123, 123.6 gives 124). Results outside the
    /// 32-bit `Integer` range are errors (S12 warns of "integer type range limitations").
    case convertToInt = "Convert.toInt"
    /// `Convert.toNum(value)`: a decimal string parsed as a `Double` (S12: `'3.141'` gives 3.141).
    case convertToNum = "Convert.toNum"

    /// `isMemberOfGroupName("name")`: whether the user is in a group with exactly this name (S12).
    case isMemberOfGroupName
    /// `isMemberOfGroup("groupId")`: whether the user is in the group with this id (S12).
    case isMemberOfGroup
    /// `isMemberOfAnyGroup("id1", "id2", …)`: whether the user is in any of these groups, by id (S12).
    case isMemberOfAnyGroup
    /// `isMemberOfGroupNameStartsWith("prefix")`: whether a group name starts with the prefix,
    /// case-sensitively [case inferred] (S12: `isMemberOfGroupNameStartsWith("San Fr")`).
    case isMemberOfGroupNameStartsWith
    /// `isMemberOfGroupNameContains("text")`: whether a group name contains the text, case-sensitively
    /// [case inferred] (S12: `isMemberOfGroupNameContains("admin")`).
    case isMemberOfGroupNameContains

    /// How many arguments a function takes.
    enum Arity: Sendable, Hashable {
        case exactly(Int)
        case atLeast(Int)
        /// An input, a default, then key/value pairs (`String.stringSwitch`).
        case inputDefaultAndPairs
    }

    /// The name as written in expressions.
    var name: String { rawValue }

    var arity: Arity {
        switch self {
        case .stringLen, .stringRemoveSpaces, .stringToUpperCase, .stringToLowerCase, .legacyToUpperCase,
            .legacyToLowerCase, .arraysClear, .arraysSize, .arraysIsEmpty, .arraysToCsvString, .convertToInt,
            .convertToNum, .isMemberOfGroupName, .isMemberOfGroup, .isMemberOfGroupNameStartsWith,
            .isMemberOfGroupNameContains:
            .exactly(1)
        case .stringAppend, .stringContains, .stringSubstringAfter, .stringSubstringBefore, .legacySubstringBefore,
            .legacySubstringAfter, .arraysAdd, .arraysRemove, .arraysGet, .arraysContains:
            .exactly(2)
        case .stringReplace, .stringReplaceFirst, .stringSubstring, .legacySubstring:
            .exactly(3)
        case .stringJoin, .arraysFlatten, .isMemberOfAnyGroup:
            .atLeast(1)
        case .stringSwitch:
            .inputDefaultAndPairs
        }
    }

    /// Whether the function reads the user's group memberships.
    var readsGroups: Bool {
        switch self {
        case .isMemberOfGroupName, .isMemberOfGroup, .isMemberOfAnyGroup, .isMemberOfGroupNameStartsWith,
            .isMemberOfGroupNameContains:
            true
        default:
            false
        }
    }

    /// Whether `count` arguments suit this function; otherwise the sentence saying what it takes.
    func arityProblem(count: Int) -> String? {
        func arguments(_ number: Int) -> String { number == 1 ? "1 argument" : "\(number) arguments" }
        switch arity {
        case .exactly(let expected):
            return count == expected ? nil : "\(name) takes \(arguments(expected)), got \(count)"
        case .atLeast(let minimum):
            return count >= minimum ? nil : "\(name) takes at least \(arguments(minimum)), got \(count)"
        case .inputDefaultAndPairs:
            if count >= 2 && count % 2 == 0 { return nil }
            return "\(name) takes an input, a default and key/value pairs (an even count of at least 2), got \(count)"
        }
    }

    private static let byName: [String: OktaExpressionFunction] = Dictionary(
        uniqueKeysWithValues: allCases.map { ($0.rawValue, $0) })

    /// The function with exactly this name, if implemented.
    static func named(_ name: String) -> OktaExpressionFunction? { byName[name] }

    /// An implemented function whose name differs from `name` only in letter case.
    static func nameDiffering(inCaseFrom name: String) -> String? {
        let lowered = name.lowercased()
        return allCases.first { $0.rawValue.lowercased() == lowered }?.rawValue
    }

    /// Functions Okta documents (S12) that this simulator refuses, with the reason.
    static let unsupported: [String: String] = {
        var reasons: [String: String] = [
            "isMemberOfGroupNameRegex":
                "isMemberOfGroupNameRegex is not simulated: Okta does not document its regex dialect (its only "
                + "example, \"/.*admin.*\", starts with an unexplained '/')",
            "getFilteredGroups": "getFilteredGroups is not simulated (it builds group claims, not profile values)",
            "Groups.contains": "Groups.contains works only in group claims, not in profile mappings (S12)",
            "Groups.startsWith": "Groups.startsWith works only in group claims, not in profile mappings (S12)",
            "Groups.endsWith": "Groups.endsWith works only in group claims, not in profile mappings (S12)",
            "user.getLinkedObject": "user.getLinkedObject is not simulated (linked objects are not modelled)",
            "user.getInternalProperty": "user.getInternalProperty is not simulated",
            "user.getGroups": "user.getGroups is Identity Engine policy syntax, not profile-mapping syntax",
            "user.isMemberOf": "user.isMemberOf is Identity Engine policy syntax, not profile-mapping syntax",
        ]
        for name in ["toAlpha2", "toAlpha3", "toNumeric", "toName"] {
            reasons["Iso3166Convert.\(name)"] = "Iso3166Convert.\(name) is not simulated (no country-code tables)"
        }
        for name in [
            "now", "fromWindowsToIso8601", "fromUnixToIso8601", "fromStringToIso8601", "fromIso8601ToWindows",
            "fromIso8601ToUnix", "fromIso8601ToString",
        ] {
            reasons["Time.\(name)"] =
                "Time.\(name) is not simulated (time functions depend on the clock and Joda patterns)"
        }
        for name in ["getManagerUser", "getManagerAppUser", "getAssistantUser", "getAssistantAppUser"] {
            reasons[name] = "\(name) is not simulated (it needs Active Directory manager data)"
        }
        for name in ["hasDirectoryUser", "findDirectoryUser", "hasWorkdayUser", "findWorkdayUser"] {
            reasons[name] = "\(name) is not simulated (directory and Workday assignments are not modelled)"
        }
        return reasons
    }()
}

// MARK: - Evaluation

extension OktaExpressionFunction {
    /// Applies the function to evaluated arguments. `positions` are the arguments' source positions and
    /// `position` the function name's, for error messages.
    func apply(
        _ arguments: [OktaValue], positions: [Int], at position: Int, in context: OktaExpressionContext
    ) throws(OktaExpressionError) -> OktaValue {
        let call = Call(function: self, arguments: arguments, positions: positions, position: position)
        switch self {
        case .stringAppend:
            return .string((try call.text(0) ?? "") + (try call.text(1) ?? ""))
        case .stringJoin:
            let separator = try call.text(0) ?? ""
            var parts: [String] = []
            for index in 1..<arguments.count { parts.append(try call.text(index) ?? "") }
            return .string(parts.joined(separator: separator))
        case .stringLen:
            return .int(try call.text(0)?.utf16.count ?? 0)
        case .stringRemoveSpaces:
            guard let input = try call.text(0) else { return .null }
            return .string(String(input.unicodeScalars.filter { $0 != " " }.map(Character.init)))
        case .stringReplace, .stringReplaceFirst:
            guard let input = try call.text(0) else { return .null }
            guard let match = try call.text(1), !match.isEmpty, let replacement = try call.text(2) else {
                return .string(input)
            }
            return .string(
                UTF16Text.replace(match, with: replacement, in: input, firstOnly: self == .stringReplaceFirst))
        case .stringContains:
            guard let input = try call.text(0), let search = try call.text(1) else { return false }
            return .bool(UTF16Text.index(of: search, in: input) != nil)
        case .stringSwitch:
            return try stringSwitch(call)
        case .stringSubstring, .legacySubstring:
            guard let input = try call.text(0) else {
                _ = try call.integer(1)
                _ = try call.integer(2)
                return .null
            }
            return .string(UTF16Text.substring(input, from: try call.integer(1), to: try call.integer(2)))
        case .stringSubstringAfter, .legacySubstringAfter:
            guard let input = try call.text(0) else { return .null }
            guard let search = try call.text(1) else { return "" }
            if search.isEmpty { return .string(input) }
            guard let found = UTF16Text.index(of: search, in: input) else { return "" }
            return .string(UTF16Text.slice(input, found + search.utf16.count, input.utf16.count))
        case .stringSubstringBefore, .legacySubstringBefore:
            guard let input = try call.text(0) else { return .null }
            guard let search = try call.text(1) else { return .string(input) }
            if search.isEmpty { return "" }
            guard let found = UTF16Text.index(of: search, in: input) else { return .string(input) }
            return .string(UTF16Text.slice(input, 0, found))
        case .stringToUpperCase, .legacyToUpperCase:
            return try call.text(0).map { .string($0.uppercased()) } ?? .null
        case .stringToLowerCase, .legacyToLowerCase:
            return try call.text(0).map { .string($0.lowercased()) } ?? .null
        case .arraysAdd:
            return .array(try call.array(0) + [arguments[1]])
        case .arraysRemove:
            var elements = try call.array(0)
            if let index = elements.firstIndex(where: { OktaExpressionEvaluator.equal($0, arguments[1]) }) {
                elements.remove(at: index)
            }
            return .array(elements)
        case .arraysClear:
            _ = try call.array(0)
            return .array([])
        case .arraysGet:
            let elements = try call.array(0)
            let index = try call.integer(1)
            guard elements.indices.contains(index) else {
                throw call.error(
                    .value, "\(name): position \(index) is out of range for an array of \(elements.count)",
                    argument: 1)
            }
            return elements[index]
        case .arraysFlatten:
            var flat: [OktaValue] = []
            for index in arguments.indices { try flatten(arguments[index], into: &flat, call: call, argument: index) }
            return .array(flat)
        case .arraysContains:
            return .bool(try call.array(0).contains { OktaExpressionEvaluator.equal($0, arguments[1]) })
        case .arraysSize:
            if arguments[0] == .null { return 0 }
            return .int(try call.array(0).count)
        case .arraysIsEmpty:
            if arguments[0] == .null { return true }
            return .bool(try call.array(0).isEmpty)
        case .arraysToCsvString:
            let nullText = context.nullConcatenation.text
            return .string(try call.array(0).map { $0.javaText(null: nullText) }.joined(separator: ","))
        case .convertToInt:
            return try convertToInt(call)
        case .convertToNum:
            return try convertToNum(call)
        case .isMemberOfGroupName:
            guard let name = try call.text(0) else { return false }
            return .bool(context.groupNames.contains { UTF16Text.same($0, name) })
        case .isMemberOfGroup:
            guard let id = try call.text(0) else { return false }
            return .bool(context.groupIDs.contains { UTF16Text.same($0, id) })
        case .isMemberOfAnyGroup:
            for index in arguments.indices {
                guard let id = try call.text(index) else { continue }
                if context.groupIDs.contains(where: { UTF16Text.same($0, id) }) { return true }
            }
            return false
        case .isMemberOfGroupNameStartsWith:
            guard let prefix = try call.text(0) else { return false }
            return .bool(context.groupNames.contains { $0.utf16.starts(with: prefix.utf16) })
        case .isMemberOfGroupNameContains:
            guard let text = try call.text(0) else { return false }
            return .bool(context.groupNames.contains { UTF16Text.index(of: text, in: $0) != nil })
        }
    }

    private func stringSwitch(_ call: Call) throws(OktaExpressionError) -> OktaValue {
        let input = try call.text(0)
        var index = 2
        while index + 1 < call.arguments.count {
            defer { index += 2 }
            guard let input, let key = try call.text(index) else { continue }
            if UTF16Text.index(of: key, in: input) != nil { return call.arguments[index + 1] }
        }
        return call.arguments[1]
    }

    private func flatten(
        _ value: OktaValue, into flat: inout [OktaValue], call: Call, argument: Int
    ) throws(OktaExpressionError) {
        switch value {
        case .null:
            throw call.error(
                .value, "\(name) fails on a null element (Okta support: replace nulls with {} first)",
                argument: argument)
        case .array(let elements):
            for element in elements { try flatten(element, into: &flat, call: call, argument: argument) }
        default:
            flat.append(value)
        }
    }

    private func convertToInt(_ call: Call) throws(OktaExpressionError) -> OktaValue {
        let range = Int(Int32.min)...Int(Int32.max)
        switch call.arguments[0] {
        case .int(let value):
            guard range.contains(value) else {
                throw call.error(.value, "\(name): \(value) is outside the Integer range", argument: 0)
            }
            return .int(value)
        case .double(let value):
            // Java's Math.round: floor(x + 0.5).
            let rounded = (value + 0.5).rounded(.down)
            guard rounded.isFinite, rounded >= Double(range.lowerBound), rounded <= Double(range.upperBound) else {
                throw call.error(
                    .value, "\(name): \(OktaValue.javaDoubleText(value)) is outside the Integer range", argument: 0)
            }
            return .int(Int(rounded))
        case .string(let text):
            guard let value = Self.parseJavaInteger(text), range.contains(value) else {
                throw call.error(.value, "\(name) cannot convert \(OktaValue.string(text)) to an Integer", argument: 0)
            }
            return .int(value)
        case let other:
            throw call.error(.type, "\(name) needs a string or a number, got \(other.typeName)", argument: 0)
        }
    }

    private func convertToNum(_ call: Call) throws(OktaExpressionError) -> OktaValue {
        switch call.arguments[0] {
        case .int(let value): return .double(Double(value))
        case .double(let value): return .double(value)
        case .string(let text):
            guard let value = Self.parseDecimal(text) else {
                throw call.error(.value, "\(name) cannot convert \(OktaValue.string(text)) to a number", argument: 0)
            }
            return .double(value)
        case let other:
            throw call.error(.type, "\(name) needs a string or a number, got \(other.typeName)", argument: 0)
        }
    }

    /// Java's `Integer.parseInt` grammar: an optional sign and ASCII digits, nothing else.
    static func parseJavaInteger(_ text: String) -> Int? {
        var scalars = Substring(text).unicodeScalars[...]
        var negative = false
        if let first = scalars.first, first == "+" || first == "-" {
            negative = first == "-"
            scalars = scalars.dropFirst()
        }
        guard !scalars.isEmpty, scalars.count <= 11, scalars.allSatisfy(OktaExpressionLexer.isDigit) else {
            return nil
        }
        var value = 0
        for scalar in scalars { value = value * 10 + Int(scalar.value - 48) }
        return negative ? -value : value
    }

    /// A finite decimal: optional surrounding spaces (Java's `Double.parseDouble` trims), an optional
    /// sign, digits with an optional fraction, and an optional exponent.
    static func parseDecimal(_ text: String) -> Double? {
        let scalars = Array(text.unicodeScalars)
        var start = 0
        var end = scalars.count
        while start < end, scalars[start].value <= 32 { start += 1 }
        while end > start, scalars[end - 1].value <= 32 { end -= 1 }
        var index = start
        if index < end, scalars[index] == "+" || scalars[index] == "-" { index += 1 }
        var digits = 0
        while index < end, OktaExpressionLexer.isDigit(scalars[index]) {
            index += 1
            digits += 1
        }
        if index < end, scalars[index] == "." {
            index += 1
            while index < end, OktaExpressionLexer.isDigit(scalars[index]) {
                index += 1
                digits += 1
            }
        }
        guard digits > 0 else { return nil }
        if index < end, scalars[index] == "e" || scalars[index] == "E" {
            index += 1
            if index < end, scalars[index] == "+" || scalars[index] == "-" { index += 1 }
            var exponentDigits = 0
            while index < end, OktaExpressionLexer.isDigit(scalars[index]) {
                index += 1
                exponentDigits += 1
            }
            guard exponentDigits > 0 else { return nil }
        }
        guard index == end else { return nil }
        var trimmed = String.UnicodeScalarView()
        trimmed.append(contentsOf: scalars[start..<end])
        guard let value = Double(String(trimmed)), value.isFinite else { return nil }
        return value
    }
}

/// The evaluated arguments of one call, with typed accessors that throw positioned errors.
private struct Call {
    let function: OktaExpressionFunction
    let arguments: [OktaValue]
    let positions: [Int]
    let position: Int

    func error(_ kind: OktaExpressionError.Kind, _ message: String, argument: Int) -> OktaExpressionError {
        OktaExpressionError(
            kind: kind, message: message,
            position: positions.indices.contains(argument) ? positions[argument] : position,
            token: function.name)
    }

    /// Argument `index` as text: `nil` for `null`; numbers and booleans as Java prints them (SpEL converts
    /// method arguments to `String` with its type converter); arrays are refused.
    func text(_ index: Int) throws(OktaExpressionError) -> String? {
        switch arguments[index] {
        case .null: return nil
        case .string(let value): return value
        case .int, .double, .bool: return arguments[index].javaText()
        case .array:
            throw error(.type, "\(function.name) needs a string for argument \(index + 1), got array", argument: index)
        }
    }

    /// Argument `index` as an integer: an integer, or a decimal without fraction.
    func integer(_ index: Int) throws(OktaExpressionError) -> Int {
        switch arguments[index] {
        case .int(let value): return value
        case .double(let value) where value.rounded() == value && Swift.abs(value) < 9.0e15: return Int(value)
        case let other:
            throw error(
                .type, "\(function.name) needs an integer for argument \(index + 1), got \(other.typeName)",
                argument: index)
        }
    }

    /// Argument `index` as an array (`null` is refused, except where the caller handles it first).
    func array(_ index: Int) throws(OktaExpressionError) -> [OktaValue] {
        guard case .array(let elements) = arguments[index] else {
            throw error(
                .type, "\(function.name) needs an array for argument \(index + 1), got \(arguments[index].typeName)",
                argument: index)
        }
        return elements
    }
}

/// String operations on UTF-16 code units, as Java's `String` counts them.
enum UTF16Text {
    /// Whether two strings have the same code units (Java `equals`; Swift's `==` also equates canonically
    /// equivalent strings).
    static func same(_ left: String, _ right: String) -> Bool {
        left.utf16.elementsEqual(right.utf16)
    }

    /// The code-unit offset of the first occurrence of `needle` in `haystack` at or after `start`.
    static func index(of needle: String, in haystack: String, from start: Int = 0) -> Int? {
        index(of: Array(needle.utf16), in: Array(haystack.utf16), from: start)
    }

    static func index(of needle: [UInt16], in haystack: [UInt16], from start: Int) -> Int? {
        if needle.isEmpty { return start <= haystack.count ? start : nil }
        guard haystack.count >= needle.count, start <= haystack.count - needle.count else { return nil }
        var offset = start
        while offset <= haystack.count - needle.count {
            if haystack[offset] == needle[0] && haystack[offset..<(offset + needle.count)].elementsEqual(needle) {
                return offset
            }
            offset += 1
        }
        return nil
    }

    /// The code units `from..<to` (already in range) as a string; a split surrogate pair becomes U+FFFD.
    static func slice(_ text: String, _ from: Int, _ to: Int) -> String {
        let units = Array(text.utf16)
        return String(decoding: units[from..<to], as: UTF16.self)
    }

    /// `StringUtils.substring(str, start, end)`.
    static func substring(_ text: String, from start: Int, to end: Int) -> String {
        let length = text.utf16.count
        var start = start
        var end = end
        if end < 0 { end = length &+ end }
        if start < 0 { start = length &+ start }
        if end > length { end = length }
        if start > end { return "" }
        if start < 0 { start = 0 }
        if end < 0 { end = 0 }
        return slice(text, start, end)
    }

    /// Every (or the first) non-overlapping occurrence of `match` replaced, left to right.
    static func replace(_ match: String, with replacement: String, in text: String, firstOnly: Bool) -> String {
        let units = Array(text.utf16)
        let needle = Array(match.utf16)
        var result: [UInt16] = []
        var offset = 0
        while let found = index(of: needle, in: units, from: offset) {
            result.append(contentsOf: units[offset..<found])
            result.append(contentsOf: replacement.utf16)
            offset = found + needle.count
            if firstOnly { break }
        }
        result.append(contentsOf: units[offset...])
        return String(decoding: result, as: UTF16.self)
    }
}
