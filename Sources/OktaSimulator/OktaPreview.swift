import Foundation
import SCIMCore

/// Okta's mapping preview ("insert multiple test users into the Preview field"): for each test user, the
/// value a mapping yields and the exact create body Okta would send (DESIGN §4, okta-behavior §10).
public enum OktaPreview {
    /// The preview of one test user.
    public struct Row: Sendable, Hashable {
        /// The test user's login.
        public var login: String
        /// The mapped value, or `nil` when the mapping yields nothing (null or empty).
        public var value: JSONValue?
        /// Why the mapping failed, with the expression's error position.
        public var error: String?
        /// The `POST /Users` body Okta would send; its `password` is masked (Okta sends 8 random characters).
        public var body: JSONValue?
    }

    /// Previews `mapping` for `attribute` over `users`.
    ///
    /// Each user is an Okta profile object (`login`, `firstName`, `lastName`, `email`, …); an optional
    /// `groups` array of group names makes `isMemberOfGroupName` and friends answer for that user.
    public static func run(
        attribute: OktaAppAttribute, mapping: OktaMapping, users: [JSONObject], app: OktaApp = .ninjaOne,
        settings: OktaSettings = OktaSettings()
    ) -> [Row] {
        var app = app
        app.profile.attributes.removeAll { $0.variableName == attribute.variableName }
        app.profile.attributes.append(attribute)
        app.mappings[attribute.variableName] = mapping
        var org = OktaOrg()
        var groupIDs: [String: String] = [:]
        var oktaUsers: [OktaUser] = []
        for (index, object) in users.enumerated() {
            var profile = object
            let groupNames = profile["groups"]?.arrayValue?.compactMap(\.stringValue) ?? []
            profile["groups"] = nil
            let user = OktaUser(id: "00upreview" + String(format: "%010d", index + 1), profile: profile)
            org.users[user.id] = user
            for name in groupNames {
                let id = groupIDs[name] ?? "00gpreview" + String(format: "%010d", groupIDs.count + 1)
                groupIDs[name] = id
                var group = org.groups[id] ?? OktaGroup(id: id, name: name, memberIDs: [], created: groupIDs.count)
                group.memberIDs.append(user.id)
                org.groups[id] = group
            }
            app.userAssignments[user.id] = [:]
            oktaUsers.append(user)
        }
        let mapper = OktaProfileMapper(app: app, org: org, settings: settings)
        return oktaUsers.map { user in
            do throws(OktaMappingError) {
                let values = try mapper.values(for: user, creating: true)
                let body = mapper.createBody(for: user, values: values, password: "********")
                return Row(login: user.login, value: values[attribute.variableName], error: nil, body: .object(body))
            } catch {
                return Row(login: user.login, value: nil, error: error.description, body: nil)
            }
        }
    }
}
