import GRDB
import SCIMCore
import SCIMServer

extension SQLiteSCIMStore {
    public func insertGroup(_ group: GroupRecord) async throws -> GroupRecord {
        let resource = JSONValue.object(group.resource).serialized()
        do {
            return try await database.write { db in
                if try Self.exists(db, table: "users", id: group.id) {
                    throw SCIMStoreError.uniqueness(attribute: "id")  // ids are unique across types (CRT-04)
                }
                let seq = try Int.fetchOne(db, sql: "SELECT COALESCE(MAX(seq), 0) + 1 FROM groups") ?? 1
                try db.execute(
                    sql: """
                        INSERT INTO groups (id, seq, display_name, display_name_key, external_id, created,
                                            last_modified, version, resource)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [
                        group.id, seq, group.displayName, group.displayNameKey, group.externalId,
                        group.created.rfc3339, group.lastModified.rfc3339, group.version, resource,
                    ])
                try Self.writeMembers(db, groupID: group.id, members: group.members)
                return try Self.fetchGroup(db, id: group.id, includeMembers: true) ?? group
            }
        } catch let error as DatabaseError where error.extendedResultCode == .SQLITE_CONSTRAINT_PRIMARYKEY {
            throw SCIMStoreError.uniqueness(attribute: "id")
        }
    }

    public func group(id: String, includeMembers: Bool) async throws -> GroupRecord? {
        try await database.read { db in try Self.fetchGroup(db, id: id, includeMembers: includeMembers) }
    }

    public func replaceGroup(_ group: GroupRecord, expectedVersion: Int) async throws -> GroupRecord {
        let resource = JSONValue.object(group.resource).serialized()
        return try await database.write { db in
            try db.execute(
                sql: """
                    UPDATE groups SET display_name = ?, display_name_key = ?, external_id = ?, last_modified = ?,
                                      version = ?, resource = ?
                    WHERE id = ? AND version = ?
                    """,
                arguments: [
                    group.displayName, group.displayNameKey, group.externalId, group.lastModified.rfc3339,
                    group.version, resource, group.id, expectedVersion,
                ])
            if db.changesCount == 0 { try Self.throwWriteConflict(db, table: "groups", id: group.id) }
            try Self.writeMembers(db, groupID: group.id, members: group.members)
            return try Self.fetchGroup(db, id: group.id, includeMembers: true) ?? group
        }
    }

    public func deleteGroup(id: String, expectedVersion: Int?) async throws -> Bool {
        let now = SCIMTimestamp.now().rfc3339
        return try await database.write { db in
            if let expectedVersion {
                try db.execute(
                    sql: "DELETE FROM groups WHERE id = ? AND version = ?", arguments: [id, expectedVersion])
                if db.changesCount == 0 {
                    guard try Self.exists(db, table: "groups", id: id) else { return false }
                    try Self.throwWriteConflict(db, table: "groups", id: id)
                }
            } else {
                try db.execute(sql: "DELETE FROM groups WHERE id = ?", arguments: [id])
                guard db.changesCount > 0 else { return false }
            }
            // Its own memberships cascade; it also leaves the groups it was a member of, which change.
            try Self.touchGroups(db, containing: id, kind: .group, at: now)
            try db.execute(
                sql: "DELETE FROM memberships WHERE member_id = ? AND member_type = 'Group'", arguments: [id])
            return true
        }
    }

    public func groups(matching query: GroupQuery) async throws -> GroupPage {
        let select = Self.groupSelect(query)
        let (limit, offset, includeMembers) = (query.limit, query.offset, query.includeMembers)
        return try await database.read { db in
            let (total, rows) = try select.fetch(db, limit: limit, offset: offset)
            var groups = try rows.map(Self.groupRecord)
            if includeMembers {
                let members = try Self.members(db, groupIDs: groups.count > 500 ? nil : groups.map(\.id))
                for index in groups.indices { groups[index].members = members[groups[index].id] ?? [] }
            }
            return GroupPage(totalResults: total, groups: groups)
        }
    }

    /// The SQL of a group query.
    static func groupSelect(_ query: GroupQuery) -> PagedSelect {
        let (condition, argument): (String?, String?) =
            switch query.criterion {
            case .all: (nil, nil)
            case .id(let id): ("id = ?", id)
            case .displayNameKey(let key): ("display_name_key = ?", key)
            case .externalId(let externalId): ("external_id = ?", externalId)
            case .member(let memberID): ("id IN (SELECT group_id FROM memberships WHERE member_id = ?)", memberID)
            }
        let key: String? =
            switch query.order {
            case .creation: nil
            case .displayName: "display_name_key"
            }
        return PagedSelect(
            from: "groups", where: condition, StatementArguments(argument.map { [$0] } ?? []), orderedBy: key,
            descending: query.descending)
    }

    // MARK: - Helpers shared with the user methods

    /// Whether `table` has a row with this id.
    static func exists(_ db: Database, table: String, id: String) throws -> Bool {
        try Bool.fetchOne(
            db.cachedStatement(sql: "SELECT EXISTS(SELECT 1 FROM \(table) WHERE id = ?)"), arguments: [id])
            ?? false
    }

    /// Throws why a conditional write changed nothing: the row is gone, or its version moved on.
    static func throwWriteConflict(_ db: Database, table: String, id: String) throws -> Never {
        guard let current = try Int.fetchOne(db, sql: "SELECT version FROM \(table) WHERE id = ?", arguments: [id])
        else { throw SCIMStoreError.notFound }
        throw SCIMStoreError.versionMismatch(current: current)
    }

    /// Gives every group that has `memberID` as a member a new version: its `members` is about to change.
    static func touchGroups(_ db: Database, containing memberID: String, kind: GroupMember.Kind, at time: String) throws
    {
        try db.execute(
            sql: """
                UPDATE groups SET version = version + 1, last_modified = ?
                WHERE id IN (SELECT group_id FROM memberships WHERE member_id = ? AND member_type = ?)
                """,
            arguments: [time, memberID, kind.rawValue])
    }

    /// The groups of each user in `userIDs` (or of every user, when `nil`): direct memberships and those through
    /// nested groups (RFC 7643 §4.1.2), each group once, in group creation order.
    static func memberships(_ db: Database, userIDs: [String]?) throws -> [String: [UserGroupMembership]] {
        let seed: String
        let arguments: StatementArguments
        if let userIDs {
            guard !userIDs.isEmpty else { return [:] }
            seed = "AND member_id IN (\(placeholders(userIDs.count)))"
            arguments = StatementArguments(userIDs)
        } else {
            seed = ""
            arguments = []
        }
        // UNION (not UNION ALL) keeps the closure finite when groups nest in a cycle.
        // Cached per number of ids: a page has one size, a single user one more.
        let rows = try Row.fetchAll(
            db.cachedStatement(
                sql: """
                        WITH RECURSIVE closure(user_id, group_id) AS (
                        SELECT member_id, group_id FROM memberships WHERE member_type = 'User' \(seed)
                        UNION
                        SELECT closure.user_id, m.group_id FROM closure
                        JOIN memberships m ON m.member_id = closure.group_id AND m.member_type = 'Group'
                    )
                    SELECT closure.user_id, g.id, g.display_name,
                           EXISTS(SELECT 1 FROM memberships d
                                  WHERE d.group_id = g.id AND d.member_id = closure.user_id) AS direct
                    FROM closure JOIN groups g ON g.id = closure.group_id
                    ORDER BY g.seq
                    """),
            arguments: arguments)
        var result: [String: [UserGroupMembership]] = [:]
        for row in rows {
            let userID: String = row[0]
            result[userID, default: []].append(
                UserGroupMembership(groupID: row[1], display: row[2], direct: row[3]))
        }
        return result
    }

    // MARK: - Groups

    /// `?, ?, …` for `count` arguments.
    static func placeholders(_ count: Int) -> String {
        Array(repeating: "?", count: count).joined(separator: ", ")
    }

    static func fetchGroup(_ db: Database, id: String, includeMembers: Bool) throws -> GroupRecord? {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM groups WHERE id = ?", arguments: [id]) else {
            return nil
        }
        var record = try groupRecord(row)
        if includeMembers { record.members = try members(db, groupIDs: [id])[id] ?? [] }
        return record
    }

    /// The members of each group in `groupIDs` (or of every group, when `nil`), in the order they were added,
    /// with `display` from the member: a user's `displayName`, else its `userName`; a group's `displayName`.
    static func members(_ db: Database, groupIDs: [String]?) throws -> [String: [GroupMember]] {
        var condition = ""
        var arguments: StatementArguments = []
        if let groupIDs {
            guard !groupIDs.isEmpty else { return [:] }
            condition = "WHERE m.group_id IN (\(placeholders(groupIDs.count)))"
            arguments = StatementArguments(groupIDs)
        }
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT m.group_id, m.member_id, m.member_type, COALESCE(u.display_name, u.user_name, g.display_name)
                FROM memberships m
                LEFT JOIN users u ON m.member_type = 'User' AND u.id = m.member_id
                LEFT JOIN groups g ON m.member_type = 'Group' AND g.id = m.member_id
                \(condition)
                ORDER BY m.group_id, m.position
                """,
            arguments: arguments)
        var result: [String: [GroupMember]] = [:]
        for row in rows {
            let groupID: String = row[0]
            let kindText: String = row[2]
            result[groupID, default: []].append(
                GroupMember(value: row[1], kind: GroupMember.Kind(rawValue: kindText) ?? .user, display: row[3]))
        }
        return result
    }

    /// Makes the group's members exactly `members` (by `value`, in order, duplicates dropped): removes the others,
    /// appends the new ones after the existing ones, and checks that every new member exists.
    static func writeMembers(_ db: Database, groupID: String, members: [GroupMember]) throws {
        var seen = Set<String>()
        let wanted = members.map(\.value).filter { seen.insert($0).inserted }
        let currentRows = try Row.fetchAll(
            db, sql: "SELECT member_id, position FROM memberships WHERE group_id = ?", arguments: [groupID])
        var current: [String: Int] = [:]
        for row in currentRows { current[row[0]] = row[1] }
        let removed = current.keys.filter { !seen.contains($0) }
        for chunk in removed.chunked(500) {
            try db.execute(
                sql: "DELETE FROM memberships WHERE group_id = ? AND member_id IN (\(placeholders(chunk.count)))",
                arguments: [groupID] + StatementArguments(chunk))
        }
        let added = wanted.filter { current[$0] == nil }
        guard !added.isEmpty else { return }
        if let selfID = added.first(where: { $0 == groupID }) { throw SCIMStoreError.selfMembership(id: selfID) }
        var kinds: [String: GroupMember.Kind] = [:]
        for chunk in added.chunked(500) {
            let list = placeholders(chunk.count)
            for id in try String.fetchAll(
                db, sql: "SELECT id FROM users WHERE id IN (\(list))", arguments: StatementArguments(chunk))
            {
                kinds[id] = .user
            }
            for id in try String.fetchAll(
                db, sql: "SELECT id FROM groups WHERE id IN (\(list))", arguments: StatementArguments(chunk))
            {
                kinds[id] = .group
            }
        }
        if let unknown = added.first(where: { kinds[$0] == nil }) { throw SCIMStoreError.unknownMember(id: unknown) }
        var position = (current.values.max() ?? 0) + 1
        let insert = try db.makeStatement(
            sql: "INSERT INTO memberships (group_id, member_id, member_type, position) VALUES (?, ?, ?, ?)")
        for id in added {
            try insert.execute(arguments: [groupID, id, kinds[id]?.rawValue, position])
            position += 1
        }
    }

    /// Decodes one `groups` row (without its members).
    static func groupRecord(_ row: Row) throws -> GroupRecord {
        let resourceText: String = try row.decode(forColumn: "resource")
        guard case .object(let resource) = try? JSONValue.parse(resourceText) else {
            throw SQLiteSCIMStoreError.corruptRow(table: "groups", column: "resource")
        }
        let createdText: String = try row.decode(forColumn: "created")
        let modifiedText: String = try row.decode(forColumn: "last_modified")
        guard let created = SCIMTimestamp(rfc3339: createdText), let modified = SCIMTimestamp(rfc3339: modifiedText)
        else { throw SQLiteSCIMStoreError.corruptRow(table: "groups", column: "created") }
        return GroupRecord(
            id: try row.decode(forColumn: "id"), displayName: try row.decode(forColumn: "display_name"),
            displayNameKey: try row.decode(forColumn: "display_name_key"),
            externalId: try row.decode(forColumn: "external_id"), created: created, lastModified: modified,
            version: try row.decode(forColumn: "version"), resource: resource, members: [])
    }
}

extension Array {
    /// The array in consecutive slices of at most `size` elements.
    fileprivate func chunked(_ size: Int) -> [ArraySlice<Element>] {
        stride(from: 0, to: count, by: size).map { self[$0..<Swift.min($0 + size, count)] }
    }
}
