import Foundation

extension PostgresConnection: StoreConnection {
    var dialect: SQLDialect { .postgres }
    var shownLocation: String { location }
}

/// The store's tables on PostgreSQL, in the schema `callguide` (store.md
/// section 1: the store can share a database with other applications).
/// Migration N here makes the same tables, with the same meaning, as
/// `Schema.migrations[N]` does on SQLite; `schema_version` holds the
/// version, as SQLite's `user_version` does.
///
/// Only `callguide db migrate` runs these (store.md section 3): one
/// upgraded operator machine never migrates a shared store by itself.
enum PostgresSchema {
    static let name = "callguide"

    /// `{trgm}` stands for the schema `pg_trgm` lives in (callguide's own,
    /// unless the database already had the extension elsewhere).
    static let migrations: [String] = [
        // 1: cards with trigram search (pg_trgm, GIN), calls.
        """
        CREATE TABLE cards (
            seq bigint PRIMARY KEY,
            id text COLLATE "C" NOT NULL UNIQUE,
            phone text COLLATE "C",
            phone_digits text COLLATE "C" NOT NULL DEFAULT '',
            name text COLLATE "C",
            email text COLLATE "C",
            company text COLLATE "C",
            region text COLLATE "C",
            status text COLLATE "C" NOT NULL,
            fields text COLLATE "C" NOT NULL DEFAULT '{}',
            field_revisions text COLLATE "C" NOT NULL DEFAULT '{}',
            search_folded text COLLATE "C" NOT NULL DEFAULT '',
            created_at double precision NOT NULL,
            updated_at double precision NOT NULL,
            revision integer NOT NULL DEFAULT 1
        );
        CREATE INDEX cards_phone_digits ON cards(phone_digits);
        CREATE INDEX cards_search_trgm ON cards USING gin (search_folded {trgm}.gin_trgm_ops);
        CREATE INDEX cards_phone_trgm ON cards USING gin (phone_digits {trgm}.gin_trgm_ops);
        CREATE TABLE calls (
            seq bigint PRIMARY KEY,
            id text COLLATE "C" NOT NULL UNIQUE,
            card_id text COLLATE "C" REFERENCES cards(id) ON UPDATE CASCADE ON DELETE SET NULL,
            operator text COLLATE "C" NOT NULL,
            script_id text COLLATE "C" NOT NULL,
            script_version text COLLATE "C",
            started_at double precision NOT NULL,
            ended_at double precision NOT NULL,
            started_day text COLLATE "C" NOT NULL,
            duration double precision NOT NULL,
            outcome text COLLATE "C" NOT NULL,
            converted integer NOT NULL DEFAULT 0,
            answers text COLLATE "C" NOT NULL DEFAULT '[]',
            notes text COLLATE "C" NOT NULL DEFAULT '[]',
            nps_score integer,
            offers_made integer NOT NULL DEFAULT 0,
            offers_accepted integer NOT NULL DEFAULT 0,
            offers text COLLATE "C" NOT NULL DEFAULT '[]',
            card_changes text COLLATE "C" NOT NULL DEFAULT '{}',
            card_change_problems text COLLATE "C" NOT NULL DEFAULT '[]',
            transcript_path text COLLATE "C"
        );
        CREATE INDEX calls_card ON calls(card_id, started_at);
        CREATE INDEX calls_day ON calls(started_day);
        """,
        // 2: tasks and task_calls, as SQLite's migration 2 (instants are
        // seconds since 1970 in double precision, flags integers 0/1).
        """
        CREATE TABLE tasks (
            seq bigint PRIMARY KEY,
            id text COLLATE "C" NOT NULL UNIQUE,
            card_id text COLLATE "C" NOT NULL REFERENCES cards(id) ON UPDATE CASCADE,
            kind text COLLATE "C" NOT NULL CHECK (kind IN ('callback', 'transfer', 'todo')),
            due_at double precision NOT NULL,
            due_has_time integer NOT NULL DEFAULT 1,
            overdue_at double precision NOT NULL,
            assignee text COLLATE "C",
            group_name text COLLATE "C",
            script_id text COLLATE "C",
            note text COLLATE "C",
            handover text COLLATE "C" NOT NULL DEFAULT '[]',
            status text COLLATE "C" NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done', 'cancelled')),
            attempts integer NOT NULL DEFAULT 0,
            created_at double precision NOT NULL,
            created_by text COLLATE "C",
            closed_at double precision,
            closed_by text COLLATE "C",
            taken_by text COLLATE "C",
            taken_at double precision,
            held_until double precision,
            working_call text COLLATE "C",
            CHECK (assignee IS NOT NULL OR group_name IS NOT NULL)
        );
        CREATE INDEX tasks_queue ON tasks(status, due_at);
        CREATE INDEX tasks_card ON tasks(card_id);
        CREATE TABLE task_calls (
            task_id text COLLATE "C" NOT NULL REFERENCES tasks(id),
            call_id text COLLATE "C" NOT NULL,
            operator text COLLATE "C" NOT NULL,
            taken_at double precision NOT NULL,
            ended_at double precision,
            outcome text COLLATE "C",
            PRIMARY KEY (task_id, call_id)
        );
        CREATE INDEX task_calls_call ON task_calls(call_id);
        """,
        // 3: faq_lookups, as SQLite's migration 3.
        """
        CREATE TABLE faq_lookups (
            call_id text COLLATE "C" NOT NULL REFERENCES calls(id) ON UPDATE CASCADE ON DELETE CASCADE,
            lookup integer NOT NULL,
            place integer NOT NULL,
            started_day text COLLATE "C" NOT NULL,
            operator text COLLATE "C" NOT NULL,
            script_id text COLLATE "C" NOT NULL,
            query text COLLATE "C" NOT NULL,
            query_folded text COLLATE "C" NOT NULL,
            entry text COLLATE "C",
            question text COLLATE "C",
            first_in_call integer NOT NULL,
            PRIMARY KEY (call_id, lookup, place)
        );
        CREATE INDEX faq_lookups_period ON faq_lookups(started_day, operator, script_id, place, lookup);
        CREATE INDEX faq_lookups_entry ON faq_lookups(script_id, entry, started_day, operator, place, first_in_call)
            WHERE entry IS NOT NULL;
        CREATE INDEX faq_lookups_missing ON faq_lookups(query_folded, started_day, operator, script_id, first_in_call, query)
            WHERE place = 0;
        """,
        // 4: the reports' tables, as SQLite's migration 4 (`ReportSchema`).
        ReportSchema.postgres,
        // 5: centre_settings, as SQLite's migration 5.
        """
        CREATE TABLE centre_settings (
            seq bigint PRIMARY KEY,
            yaml text COLLATE "C" NOT NULL,
            pushed_at double precision NOT NULL,
            pushed_by text COLLATE "C" NOT NULL
        );
        """,
        // 6: each call's UTC offset where it was taken (Schema.swift 6).
        """
        ALTER TABLE calls ADD COLUMN utc_offset integer;
        """,
        // 7: as SQLite's migration 7 (reversed phone digits, word starts).
        """
        ALTER TABLE cards ADD COLUMN phone_reversed text COLLATE "C" NOT NULL DEFAULT '';
        CREATE INDEX cards_phone_reversed ON cards(phone_reversed);
        CREATE TABLE card_word_starts (
            start text COLLATE "C" NOT NULL,
            seq bigint NOT NULL,
            PRIMARY KEY (start, seq)
        );
        CREATE INDEX card_word_starts_seq ON card_word_starts(seq);
        """,
        // 8: as SQLite's migration 8 (the reports' covering index).
        Schema.reportsCoveringIndex,
        // 9: as SQLite's migration 9 (the reports' tables carry their call's columns).
        ReportSchema.postgresCallColumns,
    ]

    /// What a database holds under the name `callguide`.
    enum State: Equatable {
        /// No schema `callguide` (a new database, or another program's).
        case absent
        /// The schema exists and holds no table (made by an administrator).
        case empty
        /// The schema holds tables, but not callguide's version table.
        case foreign
        case version(Int)
    }

    /// Reads the state in one snapshot (one statement, then the version).
    /// The catalogs are read rather than the names looked up, so another
    /// role's schema this login may not even use is told apart too.
    static func state(_ connection: PostgresConnection) throws -> State {
        let row = try connection.query(
            """
            SELECT n.oid IS NOT NULL,
                (SELECT count(*) FROM pg_catalog.pg_class c WHERE c.relnamespace = n.oid AND c.relkind IN ('r', 'p', 'v', 'm', 'f')),
                EXISTS (SELECT 1 FROM pg_catalog.pg_class c WHERE c.relnamespace = n.oid AND c.relname = 'schema_version')
            FROM (SELECT pg_catalog.to_regnamespace('callguide')::oid AS oid) n
            """
        ).first
        guard (row?[0].int ?? 0) != 0 else { return .absent }
        guard (row?[2].int ?? 0) != 0 else { return (row?[1].int ?? 0) == 0 ? .empty : .foreign }
        return .version(try connection.scalar("SELECT max(version) FROM callguide.schema_version").int ?? 0)
    }

    /// Refuses a store the commands cannot use as it is: none yet, another
    /// program's, older (run `callguide db migrate`) or newer than this
    /// callguide knows.
    static func checkUsable(_ connection: PostgresConnection) throws {
        switch try state(connection) {
        case .absent, .empty:
            throw StoreError.noStoreYet(location: connection.location)
        case .foreign:
            throw StoreError.notCallguideDatabase(file: connection.location)
        case .version(let version):
            if version > migrations.count {
                throw StoreError.newerSchema(file: connection.location, found: version, known: migrations.count)
            }
            if version < migrations.count {
                throw StoreError.olderSchema(location: connection.location, found: version, current: migrations.count)
            }
        }
    }

    /// Brings the schema up to date in one transaction (PostgreSQL's DDL is
    /// transactional: a failed migration leaves nothing), under the store's
    /// writer lock, so two `db migrate` at once migrate once. Returns the
    /// version found before (0 for a new store).
    @discardableResult
    static func migrate(_ connection: PostgresConnection) throws -> Int {
        try connection.writeTransaction {
            try connection.executeScript("SELECT pg_advisory_xact_lock(\(PostgresConnection.writerLockKey))")
            let before: Int
            switch try state(connection) {
            case .foreign:
                throw StoreError.notCallguideDatabase(file: connection.location)
            case .absent, .empty:
                before = 0
            case .version(let version):
                before = version
            }
            if before > migrations.count {
                throw StoreError.newerSchema(file: connection.location, found: before, known: migrations.count)
            }
            guard before < migrations.count else { return before }
            try connection.executeScript(
                """
                CREATE SCHEMA IF NOT EXISTS callguide;
                SET LOCAL search_path = callguide;
                CREATE TABLE IF NOT EXISTS schema_version (version integer NOT NULL);
                CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA callguide;
                """)
            let trgm = try connection.scalar(
                "SELECT n.nspname FROM pg_catalog.pg_extension e JOIN pg_catalog.pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'pg_trgm'"
            ).string ?? name
            let quoted = "\"" + trgm.replacingOccurrences(of: "\"", with: "\"\"") + "\""
            for migration in migrations[before...] {
                try connection.executeScript(migration.replacingOccurrences(of: "{trgm}", with: quoted))
            }
            if before > 0, before < Schema.searchKeysVersion { try CardStore.rebuildSearchKeys(in: connection) }
            try connection.run("DELETE FROM schema_version")
            try connection.run("INSERT INTO schema_version (version) VALUES (?)", [.integer(Int64(migrations.count))])
            return before
        }
    }
}
