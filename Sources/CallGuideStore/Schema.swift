import Foundation

/// The store's schema, as a list of migrations: migration N takes a
/// database from `user_version` N to N+1. A released migration never
/// changes; a new schema is a new entry at the end.
enum Schema {
    /// "CGDB": marks a SQLite file as callguide's, so a foreign file is
    /// recognised rather than written into.
    static let applicationID: Int32 = 0x4347_4442

    static var version: Int { migrations.count }

    static let migrations: [String] = [
        // 1: cards with trigram search, calls.
        """
        CREATE TABLE cards (
            seq INTEGER PRIMARY KEY,
            id TEXT NOT NULL UNIQUE,
            phone TEXT,
            phone_digits TEXT NOT NULL DEFAULT '',
            name TEXT,
            email TEXT,
            company TEXT,
            region TEXT,
            status TEXT NOT NULL,
            fields TEXT NOT NULL DEFAULT '{}',
            field_revisions TEXT NOT NULL DEFAULT '{}',
            search_folded TEXT NOT NULL DEFAULT '',
            created_at REAL NOT NULL,
            updated_at REAL NOT NULL,
            revision INTEGER NOT NULL DEFAULT 1
        );
        CREATE INDEX cards_phone_digits ON cards(phone_digits);
        CREATE VIRTUAL TABLE cards_fts USING fts5(
            name, email, company, phone_digits,
            content='cards', content_rowid='seq',
            tokenize='trigram case_sensitive 0'
        );
        CREATE TRIGGER cards_fts_insert AFTER INSERT ON cards BEGIN
            INSERT INTO cards_fts(rowid, name, email, company, phone_digits)
            VALUES (new.seq, new.name, new.email, new.company, new.phone_digits);
        END;
        CREATE TRIGGER cards_fts_delete AFTER DELETE ON cards BEGIN
            INSERT INTO cards_fts(cards_fts, rowid, name, email, company, phone_digits)
            VALUES ('delete', old.seq, old.name, old.email, old.company, old.phone_digits);
        END;
        CREATE TRIGGER cards_fts_update AFTER UPDATE OF name, email, company, phone_digits ON cards BEGIN
            INSERT INTO cards_fts(cards_fts, rowid, name, email, company, phone_digits)
            VALUES ('delete', old.seq, old.name, old.email, old.company, old.phone_digits);
            INSERT INTO cards_fts(rowid, name, email, company, phone_digits)
            VALUES (new.seq, new.name, new.email, new.company, new.phone_digits);
        END;
        CREATE TABLE calls (
            seq INTEGER PRIMARY KEY,
            id TEXT NOT NULL UNIQUE,
            card_id TEXT REFERENCES cards(id) ON UPDATE CASCADE ON DELETE SET NULL,
            operator TEXT NOT NULL,
            script_id TEXT NOT NULL,
            script_version TEXT,
            started_at REAL NOT NULL,
            ended_at REAL NOT NULL,
            started_day TEXT NOT NULL,
            duration REAL NOT NULL,
            outcome TEXT NOT NULL,
            converted INTEGER NOT NULL DEFAULT 0,
            answers TEXT NOT NULL DEFAULT '[]',
            notes TEXT NOT NULL DEFAULT '[]',
            nps_score INTEGER,
            offers_made INTEGER NOT NULL DEFAULT 0,
            offers_accepted INTEGER NOT NULL DEFAULT 0,
            offers TEXT NOT NULL DEFAULT '[]',
            card_changes TEXT NOT NULL DEFAULT '{}',
            card_change_problems TEXT NOT NULL DEFAULT '[]',
            transcript_path TEXT
        );
        CREATE INDEX calls_card ON calls(card_id, started_at);
        CREATE INDEX calls_day ON calls(started_day);
        """,
        // 2: tasks (workflow.md 1). Instants are UTC seconds since 1970, as
        // in `calls`; `due_at` is when the task falls due, `overdue_at`
        // when it is late (the end of the day for a date alone). Every
        // value is a plain text, integer or real, and the queue is taken
        // with one indexed SELECT and UPDATE in a write transaction, so the
        // same table and meaning port to PostgreSQL (SELECT ... FOR UPDATE
        // SKIP LOCKED there). `task_calls` is every call made for a task:
        // attempts, and the task a resumed call was working.
        """
        CREATE TABLE tasks (
            seq INTEGER PRIMARY KEY,
            id TEXT NOT NULL UNIQUE,
            card_id TEXT NOT NULL REFERENCES cards(id) ON UPDATE CASCADE,
            kind TEXT NOT NULL CHECK (kind IN ('callback', 'transfer', 'todo')),
            due_at REAL NOT NULL,
            due_has_time INTEGER NOT NULL DEFAULT 1,
            overdue_at REAL NOT NULL,
            assignee TEXT,
            group_name TEXT,
            script_id TEXT,
            note TEXT,
            handover TEXT NOT NULL DEFAULT '[]',
            status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done', 'cancelled')),
            attempts INTEGER NOT NULL DEFAULT 0,
            created_at REAL NOT NULL,
            created_by TEXT,
            closed_at REAL,
            closed_by TEXT,
            taken_by TEXT,
            taken_at REAL,
            held_until REAL,
            working_call TEXT,
            CHECK (assignee IS NOT NULL OR group_name IS NOT NULL)
        );
        CREATE INDEX tasks_queue ON tasks(status, due_at);
        CREATE INDEX tasks_card ON tasks(card_id);
        CREATE TABLE task_calls (
            task_id TEXT NOT NULL REFERENCES tasks(id),
            call_id TEXT NOT NULL,
            operator TEXT NOT NULL,
            taken_at REAL NOT NULL,
            ended_at REAL,
            outcome TEXT,
            PRIMARY KEY (task_id, call_id)
        );
        CREATE INDEX task_calls_call ON task_calls(call_id);
        """,
        // 3: the typical questions looked up in each call (script language
        // 9.2, reports.md 2 `report faq`): one row per entry a lookup
        // showed (`place` 1-3, best first), or one row with `place` 0 and
        // no entry for a lookup that found nothing, so the report counts
        // in SQL. `lookup` numbers the lookups of a call from 1;
        // `query_folded` holds the query's words folded and joined by one
        // space, what queries that found nothing are grouped by. The call's
        // day, operator and script are copied from `calls` (a stored call
        // never changes them), so the report's filter reads this table
        // alone: joining a million calls row by row missed reports.md 4.
        // `first_in_call` is 1 on the first row of a call that shows this
        // entry (or, for nothing found, has these folded words), so calls
        // are counted without DISTINCT. Each list of the report reads one
        // covering index, in group order for the questions.
        """
        CREATE TABLE faq_lookups (
            call_id TEXT NOT NULL REFERENCES calls(id) ON UPDATE CASCADE ON DELETE CASCADE,
            lookup INTEGER NOT NULL,
            place INTEGER NOT NULL,
            started_day TEXT NOT NULL,
            operator TEXT NOT NULL,
            script_id TEXT NOT NULL,
            query TEXT NOT NULL,
            query_folded TEXT NOT NULL,
            entry TEXT,
            question TEXT,
            first_in_call INTEGER NOT NULL,
            PRIMARY KEY (call_id, lookup, place)
        );
        CREATE INDEX faq_lookups_period ON faq_lookups(started_day, operator, script_id, place, lookup);
        CREATE INDEX faq_lookups_entry ON faq_lookups(script_id, entry, started_day, operator, place, first_in_call)
            WHERE entry IS NOT NULL;
        CREATE INDEX faq_lookups_missing ON faq_lookups(query_folded, started_day, operator, script_id, first_in_call, query)
            WHERE place = 0;
        """,
        // 4: what the managers' reports read (answers, offers, script
        // questions, status changes): see `ReportSchema`.
        ReportSchema.sqlite,
        // 5: the centre-wide settings `db config push` stores (store.md 3),
        // one row a push, the newest in force: `yaml` is a small
        // callguide.yaml (phone, unique_phones, timezone, card statuses and
        // transitions, operators, retry); who pushed it and when stay for
        // the person who runs the store.
        """
        CREATE TABLE centre_settings (
            seq INTEGER PRIMARY KEY,
            yaml TEXT NOT NULL,
            pushed_at REAL NOT NULL,
            pushed_by TEXT NOT NULL
        );
        """,
        // 6: each call's UTC offset where it was taken, in seconds east of
        // UTC (issue 15, one day one clock): its day and the times shown
        // are in that clock. NULL for calls stored before: their day was
        // the store's zone's, as it stays.
        """
        ALTER TABLE calls ADD COLUMN utc_offset INTEGER;
        """,
        // 7: a million cards (store.md 7, `CardSearchKeys`): the phone's
        // digits reversed, so "ends with these digits" is an index range;
        // the first 1-2 characters of every word, so a short query is an
        // index lookup in card order. Filled from Swift for the cards
        // already stored (`CardStore.rebuildSearchKeys`).
        """
        ALTER TABLE cards ADD COLUMN phone_reversed TEXT NOT NULL DEFAULT '';
        CREATE INDEX cards_phone_reversed ON cards(phone_reversed);
        CREATE TABLE card_word_starts (
            start TEXT NOT NULL,
            seq INTEGER NOT NULL,
            PRIMARY KEY (start, seq)
        ) WITHOUT ROWID;
        CREATE INDEX card_word_starts_seq ON card_word_starts(seq);
        """,
        // 8: the overview report over a million calls (reports.md 4): every
        // column `report` reads, day first, so its scan reads this index
        // (about a tenth of the table's pages, which carry the answers'
        // JSON) and never the table itself.
        reportsCoveringIndex,
        // 9: the reports' tables carry their call's day, operator and
        // script (`ReportSchema.callColumns`).
        ReportSchema.callColumns,
    ]

    /// Migration 8, the same text on both stores (PostgreSQL reads it too).
    static let reportsCoveringIndex = """
        CREATE INDEX IF NOT EXISTS calls_report ON calls(
            started_day, operator, script_id, script_version, started_at, outcome, converted,
            duration, offers_made, offers_accepted, nps_score);
        """

    /// The first version whose cards carry `CardSearchKeys`: a store
    /// migrated from before it has them rebuilt.
    static let searchKeysVersion = 7
}

extension Database {
    /// Recognises the file and brings its schema up to date. An empty file
    /// (or a new one) is initialised; a SQLite file of another program, or
    /// one from a newer callguide, is refused before anything is written.
    func prepareSchema(readOnly: Bool) throws {
        try checkOwnership()
        if readOnly {
            let version = try scalar("PRAGMA user_version").int ?? 0
            if version < Schema.version { throw StoreError.readOnly(file: path) }
            try executeScript("PRAGMA foreign_keys = ON")
            return
        }
        try retryingWhileBusy {
            if try scalar("PRAGMA journal_mode").string?.lowercased() != "wal" {
                try executeScript("PRAGMA journal_mode = WAL")
            }
        }
        try executeScript("PRAGMA foreign_keys = ON")
        let version = try scalar("PRAGMA user_version").int ?? 0
        guard version < Schema.version else { return }
        try writeTransaction {
            // Another process may have migrated while we waited for the lock.
            try checkOwnership()
            let current = try scalar("PRAGMA user_version").int ?? 0
            guard current < Schema.version else { return }
            for migration in Schema.migrations[current...] { try executeScript(migration) }
            if current < Schema.searchKeysVersion { try CardStore.rebuildSearchKeys(in: self) }
            // PRAGMAs take no parameters; both numbers are this file's constants.
            try executeScript("PRAGMA user_version = \(Schema.version); PRAGMA application_id = \(Schema.applicationID)")
        }
    }

    private func checkOwnership() throws {
        // One statement, so one snapshot: another process migrating the
        // file in between cannot make it look half-foreign.
        let row = try query(
            """
            SELECT (SELECT application_id FROM pragma_application_id()),
                (SELECT user_version FROM pragma_user_version()), (SELECT count(*) FROM sqlite_master)
            """
        ).first
        let applicationID = row?[0].int ?? 0
        let version = row?[1].int ?? 0
        let objects = row?[2].int ?? 0
        if applicationID != Int(Schema.applicationID), applicationID != 0 || version != 0 || objects > 0 {
            throw StoreError.notCallguideDatabase(file: path)
        }
        if version > Schema.version {
            throw StoreError.newerSchema(file: path, found: version, known: Schema.version)
        }
    }
}
