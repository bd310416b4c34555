import Foundation
import SCIMCheckTestSupport
import Testing

/// Every MUST/SHOULD requirement of the RFC checklist is covered by a test over HTTP, or says why it cannot be.
///
/// The checklist is `Tests/Fixtures/rfc-checklist.md` (a copy of the project's research checklist). An ID is
/// normative when its level tag holds MUST, SHALL, SHOULD (and their NOT forms), REQUIRED or IMPL (which the
/// checklist treats as MUST), or when it is a Table 8/9 status entry (`ERR-05` … `ERR-18`); REC, MAY and
/// OPTIONAL entries are not. The mapping is ``ChecklistCoverage/table``.
@Suite("rfc-checklist coverage")
struct ChecklistCoverageTests {
    /// This target's source directory.
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()

    /// `Suite/function` for every `@Test` function of this target's sources.
    static func testNames() throws -> Set<String> {
        var names = Set<String>()
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter {
            $0.hasSuffix(".swift")
        }
        for file in files {
            let source = try String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)
            var suite: String?
            var inTest = false
            for line in source.split(separator: "\n") {
                if let match = line.firstMatch(of: #/^struct (\w+)/#) { suite = String(match.output.1) }
                if line.trimmingCharacters(in: .whitespaces).hasPrefix("@Test") { inTest = true }
                if inTest, let match = line.firstMatch(of: #/func (\w+)\(/#), let suite {
                    names.insert("\(suite)/\(match.output.1)")
                    inTest = false
                }
            }
        }
        return names
    }

    @Test("Every normative checklist ID maps to an existing test, or to a stated reason; the coverage is printed")
    func coverage() throws {
        let ids = try RFCChecklist.load().filter(\.isNormative).map(\.id)
        #expect(ids.count > 200, "the checklist parsed: \(ids.count) normative IDs")
        #expect(Set(ids).count == ids.count, "IDs are unique")
        let table = ChecklistCoverage.table
        let unmapped = ids.filter { table[$0] == nil }
        #expect(unmapped.isEmpty, "normative IDs without coverage: \(unmapped)")
        let stale = Set(table.keys).subtracting(ids).sorted()
        #expect(stale.isEmpty, "IDs in the table that are not normative checklist IDs: \(stale)")

        let existing = try Self.testNames()
        var covered = 0
        var exceptions: [String] = []
        for id in ids {
            switch table[id] {
            case .tests(let names)?:
                #expect(!names.isEmpty, "\(id) names no test")
                for name in names { #expect(existing.contains(name), "\(id): no @Test \(name) in SCIMServerTests") }
                covered += 1
            case .untestable(let reason)?:
                exceptions.append("  \(id) untestable: \(reason)")
            case .lenient(let reason)?:
                exceptions.append("  \(id) lenient: \(reason)")
            case nil:
                break
            }
        }
        let percent = ids.isEmpty ? 0 : covered * 100 / ids.count
        print(
            "rfc-checklist coverage: \(covered)/\(ids.count) MUST/SHOULD IDs covered by tests over HTTP (\(percent)%), "
                + "\(exceptions.count) not, with reasons:\n" + exceptions.joined(separator: "\n"))
    }
}
