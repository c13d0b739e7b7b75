import CallGuide
import Foundation

/// The centre-wide settings as the store keeps them (store.md 3).
public struct StoredCentreSettings: Equatable, Sendable {
    /// A small callguide.yaml: see `CentreSettings`.
    public var yaml: String
    public var pushedAt: Date
    public var pushedBy: String

    public init(yaml: String, pushedAt: Date, pushedBy: String) {
        self.yaml = yaml
        self.pushedAt = pushedAt
        self.pushedBy = pushedBy
    }
}

extension CardStore {
    /// The settings in force: the newest push, or nil before the first
    /// (then each workspace's own callguide.yaml applies).
    public func centreSettings() throws -> StoredCentreSettings? {
        try db.query("SELECT yaml, pushed_at, pushed_by FROM centre_settings ORDER BY seq DESC LIMIT 1").first.map {
            StoredCentreSettings(yaml: $0[0].string ?? "", pushedAt: Date(timeIntervalSince1970: $0[1].double ?? 0), pushedBy: $0[2].string ?? "")
        }
    }

    /// Stores new settings for the whole centre; earlier pushes stay as
    /// history.
    public func pushCentreSettings(yaml: String, by name: String, at moment: Date = Date()) throws {
        try db.writeTransaction {
            try db.run("INSERT INTO centre_settings (seq, yaml, pushed_at, pushed_by) VALUES ((SELECT COALESCE(MAX(seq), 0) + 1 FROM centre_settings), ?, ?, ?)",
                       [.text(yaml), .real(moment.timeIntervalSince1970), .text(name)])
        }
    }
}
