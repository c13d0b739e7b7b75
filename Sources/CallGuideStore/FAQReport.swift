import CallGuide
import Foundation

/// `callguide report faq` (reports.md 2): which typical questions customers
/// ask most, and what they asked that the FAQ had no answer for. Counted
/// in SQL over `faq_lookups` joined to the calls the filter selects, so
/// memory does not grow with the number of calls.
public struct FAQReport: Equatable, Sendable {
    /// Lookups in the period (each `?WORDS` once, whatever it showed).
    public var lookups: Int
    /// Lookups that found nothing.
    public var nothingFound: Int
    /// Calls with at least one lookup.
    public var calls: Int
    /// The entries shown most, most first.
    public var questions: [Question]
    /// The queries that found nothing, grouped by their folded words, most first.
    public var notFound: [Query]

    public struct Question: Equatable, Sendable {
        public var script: String
        public var entry: String
        /// The question as the operator saw it (one of its languages).
        public var question: String
        /// Lookups that showed it.
        public var lookups: Int
        /// Of those, the ones it was shown first in.
        public var first: Int
        /// Calls it was shown in.
        public var calls: Int

        public init(script: String, entry: String, question: String, lookups: Int, first: Int, calls: Int) {
            self.script = script
            self.entry = entry
            self.question = question
            self.lookups = lookups
            self.first = first
            self.calls = calls
        }
    }

    public struct Query: Equatable, Sendable {
        /// The query as typed (the first spelling in sort order).
        public var query: String
        public var lookups: Int
        public var calls: Int

        public init(query: String, lookups: Int, calls: Int) {
            self.query = query
            self.lookups = lookups
            self.calls = calls
        }
    }

    public init(lookups: Int, nothingFound: Int, calls: Int, questions: [Question], notFound: [Query]) {
        self.lookups = lookups
        self.nothingFound = nothingFound
        self.calls = calls
        self.questions = questions
        self.notFound = notFound
    }

    /// A share of all lookups, 0...1; nil for an empty period.
    public func share(_ count: Int) -> Double? {
        lookups == 0 ? nil : Double(count) / Double(lookups)
    }
}

extension CardStore {
    /// The faq report over the calls `filter` selects; `limit` rows in each list.
    public func faqReport(_ filter: CallFilter = CallFilter(), limit: Int = 10) throws -> FAQReport {
        let (clause, values) = filter.sql
        // The filter names only columns of `calls` (started_day, operator,
        // script_id, card_id), which `faq_lookups` does not have.
        func selecting(_ condition: String) -> String {
            clause.isEmpty ? "WHERE \(condition)" : "\(clause) AND \(condition)"
        }
        let from = "FROM faq_lookups f JOIN calls c ON c.id = f.call_id"
        let totals = try db.query(
            """
            SELECT COALESCE(sum(CASE WHEN f.place <= 1 THEN 1 ELSE 0 END), 0),
                COALESCE(sum(CASE WHEN f.place = 0 THEN 1 ELSE 0 END), 0), count(DISTINCT f.call_id)
            \(from) \(clause)
            """, values
        ).first
        let limit = SQLValue.integer(Int64(max(0, limit)))
        let questions = try db.query(
            """
            SELECT c.script_id, f.entry, max(f.question), count(*), sum(CASE WHEN f.place = 1 THEN 1 ELSE 0 END),
                count(DISTINCT f.call_id)
            \(from) \(selecting("f.entry IS NOT NULL"))
            GROUP BY c.script_id, f.entry
            ORDER BY 4 DESC, 1, 2
            LIMIT ?
            """, values + [limit]
        ).map { row in
            FAQReport.Question(script: row[0].string ?? "", entry: row[1].string ?? "", question: row[2].string ?? "",
                               lookups: row[3].int ?? 0, first: row[4].int ?? 0, calls: row[5].int ?? 0)
        }
        let notFound = try db.query(
            """
            SELECT min(f.query), count(*), count(DISTINCT f.call_id)
            \(from) \(selecting("f.place = 0"))
            GROUP BY f.query_folded
            ORDER BY 2 DESC, 1
            LIMIT ?
            """, values + [limit]
        ).map { row in
            FAQReport.Query(query: row[0].string ?? "", lookups: row[1].int ?? 0, calls: row[2].int ?? 0)
        }
        return FAQReport(lookups: totals?[0].int ?? 0, nothingFound: totals?[1].int ?? 0, calls: totals?[2].int ?? 0,
                         questions: questions, notFound: notFound)
    }
}
