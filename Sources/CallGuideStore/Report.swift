import Foundation

/// How a report splits its calls.
public enum ReportGrouping: String, Sendable, CaseIterable {
    case none, `operator`, script, day

    /// The grouping column: a fixed name chosen here, never user text.
    var column: String {
        switch self {
        case .none: return "''"
        case .operator: return "operator"
        case .script: return "script_id"
        case .day: return "started_day"
        }
    }
}

/// One line of `callguide report`: the figures managers watch.
public struct ReportRow: Equatable, Sendable {
    /// The operator, script or day; nil for a report not grouped.
    public var key: String?
    public var calls: Int
    public var meanDurationSeconds: Double
    /// Calls whose outcome counts as a sale.
    public var conversions: Int
    public var offersMade: Int
    public var offersAccepted: Int
    public var npsAnswers: Int
    public var promoters: Int
    public var passives: Int
    public var detractors: Int

    public init(
        key: String?, calls: Int, meanDurationSeconds: Double, conversions: Int, offersMade: Int, offersAccepted: Int,
        npsAnswers: Int, promoters: Int, passives: Int, detractors: Int
    ) {
        self.key = key
        self.calls = calls
        self.meanDurationSeconds = meanDurationSeconds
        self.conversions = conversions
        self.offersMade = offersMade
        self.offersAccepted = offersAccepted
        self.npsAnswers = npsAnswers
        self.promoters = promoters
        self.passives = passives
        self.detractors = detractors
    }

    /// Conversions per call, 0...1; nil with no calls.
    public var conversionRate: Double? { calls == 0 ? nil : Double(conversions) / Double(calls) }
    /// Accepted per offer made, 0...1; nil when nothing was offered.
    public var acceptanceRate: Double? { offersMade == 0 ? nil : Double(offersAccepted) / Double(offersMade) }
    /// % promoters - % detractors, -100...100; nil with no NPS answers.
    public var nps: Double? {
        npsAnswers == 0 ? nil : (Double(promoters) - Double(detractors)) * 100 / Double(npsAnswers)
    }
}

extension CardStore {
    /// Aggregates the calls the filter selects, one row per group, in key
    /// order (a single row, possibly of zero calls, for `.none`).
    public func report(_ filter: CallFilter = CallFilter(), groupBy grouping: ReportGrouping = .none) throws -> [ReportRow] {
        let (clause, values) = filter.sql
        let rows = try db.query(
            """
            SELECT \(grouping.column) AS k, count(*), COALESCE(avg(duration), 0),
                COALESCE(sum(CASE WHEN converted != 0 OR outcome = 'converted' THEN 1 ELSE 0 END), 0),
                COALESCE(sum(offers_made), 0), COALESCE(sum(offers_accepted), 0),
                count(nps_score),
                COALESCE(sum(CASE WHEN nps_score >= 9 THEN 1 ELSE 0 END), 0),
                COALESCE(sum(CASE WHEN nps_score BETWEEN 7 AND 8 THEN 1 ELSE 0 END), 0),
                COALESCE(sum(CASE WHEN nps_score <= 6 THEN 1 ELSE 0 END), 0)
            FROM calls \(clause)
            GROUP BY 1 ORDER BY 1
            """, values)
        let result = rows.map { row in
            ReportRow(
                key: grouping == .none ? nil : row[0].string, calls: row[1].int ?? 0,
                meanDurationSeconds: row[2].double ?? 0, conversions: row[3].int ?? 0, offersMade: row[4].int ?? 0,
                offersAccepted: row[5].int ?? 0, npsAnswers: row[6].int ?? 0, promoters: row[7].int ?? 0,
                passives: row[8].int ?? 0, detractors: row[9].int ?? 0)
        }
        if grouping == .none, result.isEmpty {
            return [ReportRow(key: nil, calls: 0, meanDurationSeconds: 0, conversions: 0, offersMade: 0, offersAccepted: 0, npsAnswers: 0, promoters: 0, passives: 0, detractors: 0)]
        }
        return result
    }
}
