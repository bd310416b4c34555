import GRDB
import SCIMCore
import SCIMServer

/// The reference server's durable store: one SQLite database, through GRDB.
///
/// A file path opens a `DatabasePool` in WAL mode with `synchronous=NORMAL` (survives a killed process) or
/// `FULL` (survives power loss), as DESIGN §8.13 decides; `":memory:"` opens a private in-memory database for
/// tests. The schema is created and upgraded by ``migrator`` when the store opens.
public final class SQLiteSCIMStore: SCIMStore {
    /// SQLite's `synchronous` setting for a file database.
    public enum Synchronous: Sendable {
        /// `synchronous=NORMAL`: in WAL mode, a committed write survives a crash of the process.
        case normal
        /// `synchronous=FULL`: a committed write also survives a power loss.
        case full

        fileprivate var pragmaValue: String {
            switch self {
            case .normal: "NORMAL"
            case .full: "FULL"
            }
        }
    }

    /// The database path, or `":memory:"`.
    public let path: String
    private let writer: any DatabaseWriter

    /// Opens (creating if needed) the database at `path`, or an in-memory one for `":memory:"`, and migrates it.
    /// - Throws: GRDB's `DatabaseError` when the file cannot be opened or migrated.
    public convenience init(path: String, synchronous: Synchronous = .normal) throws {
        try self.init(path: path, synchronous: synchronous, migratingUpTo: nil)
    }

    /// Opens the database and applies the migrations up to `lastMigration` (all when `nil`); tests use it to build
    /// databases of an earlier version.
    init(path: String, synchronous: Synchronous, migratingUpTo lastMigration: String?) throws {
        var configuration = Configuration()
        configuration.label = "scimcheck"
        configuration.busyMode = .timeout(5)
        self.path = path
        if path == ":memory:" {
            writer = try DatabaseQueue(configuration: configuration)
        } else {
            writer = try DatabasePool(path: path, configuration: configuration)  // WAL journal mode
            // After GRDB's own WAL setup, which sets NORMAL: `synchronous` matters on the writing connection only.
            try writer.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA synchronous = \(synchronous.pragmaValue)")
            }
        }
        if let lastMigration {
            try Self.migrator.migrate(writer, upTo: lastMigration)
        } else {
            try Self.migrator.migrate(writer)
        }
    }

    /// The identifiers of the migrations applied to this database, in order (`v1`, `v2`, …), for diagnostics.
    public func appliedMigrations() async throws -> [String] {
        try await writer.read { db in try Self.migrator.appliedMigrations(db) }
    }

    /// The database writer, for the extensions of this type.
    var database: any DatabaseWriter { writer }

    /// The schema migrations, applied in order; each version is a new registered migration, never an edit.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            // `resource` is the stored SCIM resource without id, meta and password (JSON text); the other
            // columns are indexed copies for lookups. `seq` is the creation order that list paging follows.
            try db.execute(
                sql: """
                    CREATE TABLE users (
                        id TEXT PRIMARY KEY NOT NULL,
                        seq INTEGER NOT NULL UNIQUE,
                        user_name TEXT NOT NULL,
                        user_name_key TEXT NOT NULL,
                        external_id TEXT,
                        display_name TEXT,
                        active INTEGER NOT NULL,
                        created TEXT NOT NULL,
                        last_modified TEXT NOT NULL,
                        version INTEGER NOT NULL,
                        resource TEXT NOT NULL,
                        password_hash TEXT
                    );
                    CREATE UNIQUE INDEX users_user_name_key ON users(user_name_key);
                    CREATE INDEX users_external_id ON users(external_id);
                    CREATE INDEX users_display_name ON users(display_name);
                    CREATE INDEX users_created_id ON users(created, id);
                    """)
        }
        migrator.registerMigration("v2") { db in
            // Groups, and their members in `memberships`: a member is a user or a group (`member_type`), kept in
            // the order it was added (`position`). `display_name_key` is the case-folded name for `eq` lookups;
            // display names are not unique (RFC 7643 §8.7.1). Member ids reference users or groups, so referential
            // integrity for them is kept by the store's writes; deleting a group cascades to its memberships.
            try db.execute(
                sql: """
                    CREATE TABLE groups (
                        id TEXT PRIMARY KEY NOT NULL,
                        seq INTEGER NOT NULL UNIQUE,
                        display_name TEXT NOT NULL,
                        display_name_key TEXT NOT NULL,
                        external_id TEXT,
                        created TEXT NOT NULL,
                        last_modified TEXT NOT NULL,
                        version INTEGER NOT NULL,
                        resource TEXT NOT NULL
                    );
                    CREATE INDEX groups_display_name_key ON groups(display_name_key, seq);
                    CREATE INDEX groups_external_id ON groups(external_id);
                    CREATE TABLE memberships (
                        group_id TEXT NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
                        member_id TEXT NOT NULL,
                        member_type TEXT NOT NULL CHECK (member_type IN ('User', 'Group')),
                        position INTEGER NOT NULL,
                        PRIMARY KEY (group_id, member_id)
                    ) WITHOUT ROWID;
                    CREATE INDEX memberships_member ON memberships(member_id, group_id);
                    CREATE INDEX memberships_position ON memberships(group_id, position);
                    """)
        }
        registerNinjaOneMigrations(&migrator)
        migrator.registerMigration("v4") { db in
            // `displayName eq` on users becomes an index probe: `display_name_key` is the case-folded displayName
            // (UserRecord.displayNameKey), filled here for existing users. The case-sensitive display_name index
            // and the (created, id) index served no query (pages follow `seq`), so they go, and each write
            // maintains two indexes fewer.
            try db.execute(
                sql: """
                    ALTER TABLE users ADD COLUMN display_name_key TEXT;
                    DROP INDEX users_display_name;
                    DROP INDEX users_created_id;
                    """)
            let update = try db.makeStatement(sql: "UPDATE users SET display_name_key = ? WHERE id = ?")
            for row in try Row.fetchAll(db, sql: "SELECT id, display_name FROM users WHERE display_name IS NOT NULL") {
                let id: String = row[0]
                let displayName: String = row[1]
                try update.execute(arguments: [UserRecord.displayNameKey(displayName), id])
            }
            try db.execute(sql: "CREATE INDEX users_display_name_key ON users(display_name_key, seq)")
        }
        return migrator
    }

    public func insertUser(_ user: UserRecord) async throws {
        try await Self.mappingUserErrors {
            try await writer.write { db in try Self.insertUserRow(db, user) }
        }
    }

    /// Inserts a `users` row; ids are unique across users and groups (CRT-04).
    static func insertUserRow(_ db: Database, _ user: UserRecord) throws {
        if try exists(db, table: "groups", id: user.id) {
            throw SCIMStoreError.uniqueness(attribute: "id")
        }
        let seq = try Int.fetchOne(db.cachedStatement(sql: "SELECT COALESCE(MAX(seq), 0) + 1 FROM users")) ?? 1
        try db.cachedStatement(
            sql: """
                INSERT INTO users (id, seq, user_name, user_name_key, external_id, display_name, display_name_key,
                                   active, created, last_modified, version, resource, password_hash)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """
        ).execute(
            arguments: [
                user.id, seq, user.userName, user.userNameKey, user.externalId, user.displayName, user.displayNameKey,
                user.active, user.created.rfc3339, user.lastModified.rfc3339, user.version,
                JSONValue.object(user.resource).serialized(), user.passwordHash,
            ])
    }

    /// Runs a user write, turning SQLite's constraint errors into ``SCIMStoreError/uniqueness(attribute:)``.
    static func mappingUserErrors<T>(_ write: () async throws -> T) async throws -> T {
        do {
            return try await write()
        } catch let error as DatabaseError
            where error.extendedResultCode == .SQLITE_CONSTRAINT_UNIQUE
            || error.extendedResultCode == .SQLITE_CONSTRAINT_PRIMARYKEY
        {
            let message = error.message ?? ""
            throw SCIMStoreError.uniqueness(attribute: message.contains("users.id") ? "id" : "userName")
        }
    }

    public func user(id: String) async throws -> UserRecord? {
        try await writer.read { db in
            guard
                let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM users WHERE id = ?"), arguments: [id])
            else {
                return nil
            }
            var record = try Self.userRecord(row)
            record.groups = try Self.memberships(db, userIDs: [id])[id] ?? []
            return record
        }
    }

    public func replaceUser(_ user: UserRecord, expectedVersion: Int) async throws {
        try await Self.mappingUserErrors {
            try await writer.write { db in try Self.updateUserRow(db, user, expectedVersion: expectedVersion) }
        }
    }

    /// Updates a `users` row if its version is still `expectedVersion`.
    static func updateUserRow(_ db: Database, _ user: UserRecord, expectedVersion: Int) throws {
        try db.cachedStatement(
            sql: """
                UPDATE users SET user_name = ?, user_name_key = ?, external_id = ?, display_name = ?,
                                 display_name_key = ?, active = ?, last_modified = ?, version = ?, resource = ?,
                                 password_hash = ?
                WHERE id = ? AND version = ?
                """
        ).execute(
            arguments: [
                user.userName, user.userNameKey, user.externalId, user.displayName, user.displayNameKey, user.active,
                user.lastModified.rfc3339, user.version, JSONValue.object(user.resource).serialized(),
                user.passwordHash, user.id, expectedVersion,
            ])
        guard db.changesCount == 0 else { return }
        try throwWriteConflict(db, table: "users", id: user.id)
    }

    public func deleteUser(id: String, expectedVersion: Int?) async throws -> Bool {
        let now = SCIMTimestamp.now().rfc3339
        return try await writer.write { db in
            try Self.deleteUserRow(db, id: id, expectedVersion: expectedVersion, now: now)
        }
    }

    /// Deletes a `users` row (if its version is `expectedVersion`, when given) and its memberships.
    static func deleteUserRow(_ db: Database, id: String, expectedVersion: Int?, now: String) throws -> Bool {
        if let expectedVersion {
            try db.execute(sql: "DELETE FROM users WHERE id = ? AND version = ?", arguments: [id, expectedVersion])
            if db.changesCount == 0 {
                guard try exists(db, table: "users", id: id) else { return false }
                try throwWriteConflict(db, table: "users", id: id)
            }
        } else {
            try db.execute(sql: "DELETE FROM users WHERE id = ?", arguments: [id])
            guard db.changesCount > 0 else { return false }
        }
        // Referential integrity: the user leaves every group, and those groups change (DEL-05).
        try touchGroups(db, containing: id, kind: .user, at: now)
        try db.execute(sql: "DELETE FROM memberships WHERE member_id = ? AND member_type = 'User'", arguments: [id])
        return true
    }

    public func users(matching query: UserQuery) async throws -> UserPage {
        let select = Self.userSelect(query)
        let (limit, offset) = (query.limit, query.offset)
        return try await writer.read { db in
            let (total, rows) = try select.fetch(db, limit: limit, offset: offset)
            var users = try rows.map(Self.userRecord)
            let groups = try Self.memberships(db, userIDs: users.count > 500 ? nil : users.map(\.id))
            for index in users.indices { users[index].groups = groups[users[index].id] ?? [] }
            return UserPage(totalResults: total, users: users)
        }
    }

    /// The SQL of a user query.
    static func userSelect(_ query: UserQuery) -> PagedSelect {
        let (condition, argument): (String?, String?) =
            switch query.criterion {
            case .all: (nil, nil)
            case .userNameKey(let key): ("user_name_key = ?", key)
            case .id(let id): ("id = ?", id)
            case .externalId(let externalId): ("external_id = ?", externalId)
            case .displayNameKey(let key): ("display_name_key = ?", key)
            }
        let key: String? =
            switch query.order {
            case .creation: nil
            case .userName: "user_name_key"
            }
        return PagedSelect(
            from: "users", where: condition, StatementArguments(argument.map { [$0] } ?? []), orderedBy: key,
            descending: query.descending)
    }

    /// SQLite's journal mode for this database (`wal` for a file, `memory` for `:memory:`), for diagnostics.
    public func journalMode() async throws -> String {
        try await writer.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") ?? "" }
    }

    /// SQLite's `synchronous` level on the writing connection (1 = NORMAL, 2 = FULL), for diagnostics.
    public func synchronousLevel() async throws -> Int {
        try await writer.write { db in try Int.fetchOne(db, sql: "PRAGMA synchronous") ?? -1 }
    }

    /// Decodes one `users` row (without its memberships).
    static func userRecord(_ row: Row) throws -> UserRecord {
        let resourceText: String = try row.decode(forColumn: "resource")
        guard case .object(let resource) = try? JSONValue.parse(resourceText) else {
            throw SQLiteSCIMStoreError.corruptRow(table: "users", column: "resource")
        }
        let createdText: String = try row.decode(forColumn: "created")
        let modifiedText: String = try row.decode(forColumn: "last_modified")
        guard let created = SCIMTimestamp(rfc3339: createdText), let modified = SCIMTimestamp(rfc3339: modifiedText)
        else { throw SQLiteSCIMStoreError.corruptRow(table: "users", column: "created") }
        return UserRecord(
            id: try row.decode(forColumn: "id"), userName: try row.decode(forColumn: "user_name"),
            userNameKey: try row.decode(forColumn: "user_name_key"),
            externalId: try row.decode(forColumn: "external_id"),
            displayName: try row.decode(forColumn: "display_name"), active: try row.decode(forColumn: "active"),
            created: created, lastModified: modified, version: try row.decode(forColumn: "version"),
            resource: resource, passwordHash: try row.decode(forColumn: "password_hash"))
    }
}

/// Why the SQLite store could not read what it holds.
public enum SQLiteSCIMStoreError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A row holds a value the store never writes (edited by hand, or from a newer version).
    case corruptRow(table: String, column: String)

    public var description: String {
        switch self {
        case .corruptRow(let table, let column): "the \(table) table holds an unreadable \(column) value"
        }
    }
}
