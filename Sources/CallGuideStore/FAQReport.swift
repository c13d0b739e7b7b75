import CallGuide
import Foundation

/// `callguide report faq` (reports.md 2): which typical questions customers
/// ask most, and what they asked that the FAQ had no answer for. Counted
/// in SQL over the `faq_lookups` of the calls the filter selects, so
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
        // `faq_lookups` has the call's started_day, operator and script_id
        // (migration 3): the filter reads it alone. A card is the calls'.
        var own = filter
        own.cardId = nil
        var (clause, values) = own.sql
        if let card = filter.cardId {
            clause += (clause.isEmpty ? "WHERE " : " AND ") + "call_id IN (SELECT id FROM calls WHERE card_id = ?)"
            values.append(.text(card))
        }
        func selecting(_ condition: String) -> String {
            clause.isEmpty ? "WHERE \(condition)" : "\(clause) AND \(condition)"
        }
        let from = "FROM faq_lookups f"
        // A lookup has one row with place 0 or 1, and a call with lookups
        // one such row for its first: counted without DISTINCT.
        let totals = try db.query(
            """
            SELECT COALESCE(sum(CASE WHEN f.place <= 1 THEN 1 ELSE 0 END), 0),
                COALESCE(sum(CASE WHEN f.place = 0 THEN 1 ELSE 0 END), 0),
                COALESCE(sum(CASE WHEN f.lookup = 1 AND f.place <= 1 THEN 1 ELSE 0 END), 0)
            \(from) \(clause)
            """, values
        ).first
        let limit = SQLValue.integer(Int64(max(0, limit)))
        // The question's text is read for the rows shown only: the latest
        // the operators saw (a trainer may have reworded it).
        let questions = try db.query(
            """
            SELECT f.script_id, f.entry, count(*), sum(CASE WHEN f.place = 1 THEN 1 ELSE 0 END), sum(f.first_in_call)
            \(from) \(selecting("f.entry IS NOT NULL"))
            GROUP BY f.script_id, f.entry
            ORDER BY 3 DESC, 1, 2
            LIMIT ?
            """, values + [limit]
        ).map { row in
            let script = row[0].string ?? "", entry = row[1].string ?? ""
            let question = try db.scalar(
                """
                SELECT question FROM faq_lookups WHERE script_id = ? AND entry = ? AND entry IS NOT NULL
                ORDER BY started_day DESC, call_id DESC LIMIT 1
                """, [.text(script), .text(entry)]).string
            return FAQReport.Question(script: script, entry: entry, question: question ?? entry,
                                      lookups: row[2].int ?? 0, first: row[3].int ?? 0, calls: row[4].int ?? 0)
        }
        let notFound = try db.query(
            """
            SELECT min(f.query), count(*), sum(f.first_in_call)
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
