import SCIMCore

@testable import SCIMServer

/// The fuzz target of the reference server's filter and PATCH parsers (`ci/fuzz.sh`): libFuzzer calls it per input.
///
/// The first byte picks what the rest feeds: a filter (parsed in both profiles, compiled for Users and Groups and
/// evaluated), a PATCH path, a PATCH body (read as the server reads it, applied to a user and a group, and the
/// result read back as a PUT body), or a bare attribute path (`attributes`, `sortBy`). Thrown errors are the
/// expected answer to bad input; only a crash, a trap or a sanitizer report is a finding.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzParsers(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    guard let selector = bytes.first else { return 0 }
    ParserFuzzer.run(selector: selector, input: Array(bytes.dropFirst()))
    return 0
}

/// The executable's entry point: SwiftPM links `main` to `<module>_main`, which hands control to libFuzzer's driver
/// (the fuzzer runtime's own `main` is then left out of the link).
@_cdecl("SCIMServerFuzz_main")
public func fuzzerMain(
    _ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?
) -> CInt {
    var count = argc
    var arguments = argv
    return llvmFuzzerRunDriver(&count, &arguments, fuzzParsers)
}

/// libFuzzer's driver (`FuzzerDriver.cpp`): parses the flags, runs `callback` on every input, returns the exit code.
@_silgen_name("LLVMFuzzerRunDriver")
func llvmFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt
) -> CInt

/// What one fuzz input exercises.
enum ParserFuzzer {
    static let profiles: [ServerProfile] = [.compatible, .rfcStrict]

    /// A user with every kind of attribute the parsers and the engine meet: complex, multi-valued, extensions.
    static let user: JSONObject = {
        let text = """
            {"schemas":["\(SCIMURN.coreUser)","\(SCIMURN.enterpriseUser)"],"userName":"fuzz","active":true,
            "name":{"givenName":"F","familyName":"Z"},"title":"t","emails":[{"value":"a@x","type":"work",
            "primary":true},{"value":"b@x","type":"home"}],"addresses":[{"type":"work","locality":"L"}],
            "\(SCIMURN.enterpriseUser)":{"employeeNumber":"7","manager":{"value":"m"}}}
            """
        return (try? JSONValue.parse(text))?.objectValue ?? JSONObject()
    }()

    /// A group with two members.
    static let group: JSONObject = {
        let text = """
            {"schemas":["\(SCIMURN.coreGroup)"],"displayName":"g","members":[{"value":"u1","type":"User"},
            {"value":"u2","type":"User"}]}
            """
        return (try? JSONValue.parse(text))?.objectValue ?? JSONObject()
    }()

    static func run(selector: UInt8, input: [UInt8]) {
        let text = String(decoding: input, as: UTF8.self)
        switch selector % 4 {
        case 0: filter(text)
        case 1: _ = try? PatchPath.parse(text)
        case 2: patch(input)
        default: _ = AttributePath.parse(text)
        }
    }

    static func filter(_ text: String) {
        for profile in profiles {
            let lenient = profile.allows(.filterValuePathSubAttrCompare)
            guard let parsed = try? SCIMFilter.parse(text, allowValuePathComparison: lenient) else { continue }
            for (type, resource) in [(SCIMResourceType.user, user), (.group, group)] {
                for unknownAsAbsent in [false, true] {
                    let compiler = FilterCompiler(type: type, profile: profile, unknownAsAbsent: unknownAsAbsent)
                    _ = (try? compiler.compile(parsed))?.matches(resource)
                }
            }
        }
    }

    static func patch(_ input: [UInt8]) {
        let limits = JSONParseLimits(maxDepth: 32, maxBytes: 1 << 20, rejectDuplicateKeys: true)
        guard let body = (try? JSONValue.parse(input, limits: limits))?.objectValue else { return }
        for profile in profiles {
            guard let operations = try? PatchRequest(body: body, profile: profile).operations else { continue }
            var onUser = PatchEngine(type: .user, profile: profile, document: user, current: user)
            if (try? onUser.apply(operations)) != nil { _ = try? UserInput(body: onUser.document, profile: profile) }
            var onGroup = PatchEngine(type: .group, profile: profile, document: group, current: group)
            if (try? onGroup.apply(operations)) != nil { _ = try? GroupInput(body: onGroup.document, profile: profile) }
        }
    }
}
