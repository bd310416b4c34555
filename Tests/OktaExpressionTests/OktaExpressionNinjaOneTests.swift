import OktaSimulator
import SCIMCore
import Testing

/// The NinjaOne mappings of okta-behavior.md §10–§13: `userType` (`Technician`/`technician` or `endUser`,
/// case-sensitive) and `organizationId` (`All` or NinjaOne organization ids) chosen from group membership.
@Suite struct OktaExpressionNinjaOneTests {
    /// A user in the given groups (names double as ids with a `00g-` prefix).
    static func member(
        of groups: [String], user: [String: OktaValue] = [:], appUser: [String: OktaValue] = [:]
    )
        -> OktaExpressionContext
    {
        OktaExpressionContext(
            user: ["login": "jane@example.com", "email": "jane@example.com"].merging(user) { $1 },
            appUser: appUser, groupNames: groups, groupIDs: groups.map { "00g-" + $0 })
    }

    struct Case: Sendable, CustomTestStringConvertible {
        var source: String
        var groups: [String]
        var expected: OktaValue
        var user: [String: OktaValue] = [:]
        var appUser: [String: OktaValue] = [:]
        var testDescription: String { "\(source) with \(groups)" }
    }

    static let userTypeSource = #"isMemberOfGroupName("NinjaOne Technicians") ? "Technician" : "endUser""#
    static let lowercaseSource = #"isMemberOfGroupName("NinjaOne Technicians") ? "technician" : "endUser""#
    static let layeredSource =
        #"isMemberOfGroupName("NinjaOne Admins") ? "Technician" : "#
        + #"isMemberOfGroupName("NinjaOne Technicians") ? "Technician" : "endUser""#
    static let byIDSource =
        #"isMemberOfAnyGroup("00g-NinjaOne Technicians", "00g-NinjaOne Admins") ? "Technician" : "endUser""#
    static let organizationSource =
        #"isMemberOfGroupName("Ninja Org 12") AND isMemberOfGroupName("Ninja Org 31") ? "12,31" : "#
        + #"isMemberOfGroupName("Ninja Org 12") ? "12" : isMemberOfGroupName("Ninja Org 31") ? "31" : "All""#
    static let technicianOrganizationSource =
        #"isMemberOfGroupName("NinjaOne Technicians") ? "All" : (user.department == "Finance" ? "31" : "All")"#
    static let attributeOrganizationSource = #"user.ninjaOrgId != null ? user.ninjaOrgId : "All""#
    static let groupScopedSource =
        #"appuser.ninja_group_organizationId != null ? appuser.ninja_group_organizationId : "All""#

    static let cases: [Case] = [
        Case(source: userTypeSource, groups: ["NinjaOne Technicians", "Everyone"], expected: "Technician"),
        Case(source: userTypeSource, groups: ["Everyone"], expected: "endUser"),
        Case(source: userTypeSource, groups: [], expected: "endUser"),
        Case(source: userTypeSource, groups: ["ninjaone technicians"], expected: "endUser"),
        Case(source: lowercaseSource, groups: ["NinjaOne Technicians"], expected: "technician"),
        Case(source: layeredSource, groups: ["NinjaOne Admins"], expected: "Technician"),
        Case(source: layeredSource, groups: ["NinjaOne Technicians"], expected: "Technician"),
        Case(source: layeredSource, groups: ["Sales"], expected: "endUser"),
        Case(source: byIDSource, groups: ["NinjaOne Admins"], expected: "Technician"),
        Case(source: byIDSource, groups: ["Sales"], expected: "endUser"),
        Case(
            source: #"isMemberOfGroup("00g-NinjaOne Technicians") ? "Technician" : null"#, groups: [], expected: .null),
        Case(
            source: #"isMemberOfGroupNameStartsWith("NinjaOne Tech") ? "Technician" : "endUser""#,
            groups: ["NinjaOne Technicians EU"], expected: "Technician"),
        Case(source: organizationSource, groups: ["Ninja Org 12", "Ninja Org 31"], expected: "12,31"),
        Case(source: organizationSource, groups: ["Ninja Org 12"], expected: "12"),
        Case(source: organizationSource, groups: ["Ninja Org 31"], expected: "31"),
        Case(source: organizationSource, groups: ["Everyone"], expected: "All"),
        Case(
            source: technicianOrganizationSource, groups: ["NinjaOne Technicians"], expected: "All",
            user: ["department": "Finance"]),
        Case(source: technicianOrganizationSource, groups: [], expected: "31", user: ["department": "Finance"]),
        Case(source: technicianOrganizationSource, groups: [], expected: "All", user: ["department": "Sales"]),
        Case(source: attributeOrganizationSource, groups: [], expected: "42", user: ["ninjaOrgId": "42"]),
        Case(source: attributeOrganizationSource, groups: [], expected: "All"),
        Case(source: groupScopedSource, groups: [], expected: "All"),
        Case(
            source: groupScopedSource, groups: [], expected: "12,31",
            appUser: ["ninja_group_organizationId": "12,31"]),
        Case(
            source: "appuser.ninja_group_userType", groups: [], expected: "Technician",
            appUser: ["ninja_group_userType": "Technician"]),
        Case(
            source: #"String.join(",", isMemberOfGroupName("Ninja Org 12") ? "12" : null, "31")"#,
            groups: ["Ninja Org 12"], expected: "12,31"),
        Case(
            source: #"Arrays.toCsvString(Arrays.flatten(isMemberOfGroupName("Ninja Org 12") ? {"12"} : {}, {"31"}))"#,
            groups: [], expected: "31"),
        Case(source: "user.login", groups: [], expected: "jane@example.com"),
        Case(source: "(user.email != null && user.email != '') ? 'work' : ''", groups: [], expected: "work"),
    ]

    @Test(arguments: cases)
    func ninjaOneMapping(_ mapping: Case) throws {
        let context = Self.member(of: mapping.groups, user: mapping.user, appUser: mapping.appUser)
        #expect(try Fixture.evaluate(mapping.source, in: context) == mapping.expected)
    }

    @Test func mappedValuesBecomeTheExtensionJSON() throws {
        let userType = try OktaExpression(Self.userTypeSource)
        let organization = try OktaExpression(Self.organizationSource)
        let context = Self.member(of: ["NinjaOne Technicians", "Ninja Org 12"])
        #expect(try userType.evaluate(in: context).jsonValue == .string("Technician"))
        #expect(try organization.evaluate(in: context).jsonValue == .string("12"))
        #expect(userType.readsGroupMembership)
        #expect(userType.referencedAttributes.isEmpty)
        #expect(
            try OktaExpression(Self.groupScopedSource).referencedAttributes == [
                OktaAttributeReference(object: .appUser, name: "ninja_group_organizationId")
            ])
    }
}
