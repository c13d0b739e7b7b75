import CallGuide
import CallGuideStore
import Foundation

/// The centre's settings, once pushed to a shared store, win over each
/// workspace's own (store.md 3), so two machines never normalize a phone,
/// or take a status change, differently.
enum CentreSettingsInForce {
    /// Puts the store's settings (phone, unique_phones, statuses,
    /// transitions, timezone) in place of the workspace's in `store`, and
    /// tells the operator once, in one line, when the workspace's differ.
    /// Before the first push nothing changes.
    static func apply(to store: CardStore, workspace configuration: WorkspaceConfiguration?) throws {
        guard let stored = try store.centreSettings() else { return }
        guard let centre = CentreSettings.decode(stored.yaml).configuration else {
            throw CommandError.unusableInput("the centre settings in \(StoreAccess.shown(store.path)) cannot be read; push them again with callguide db config push")
        }
        let effective = CentreSettings.applying(centre, to: configuration)
        store.schema.phoneFormat = effective.phoneFormat
        store.schema.uniquePhones = effective.uniquePhones
        store.schema.statuses = effective.statuses
        store.schema.transitions = effective.transitions.map { StatusTransitions(allowed: $0) }
        store.timeZone = effective.workflow.timeZone
        let differing = CentreSettings(centre).differences(from: CentreSettings(configuration))
        if !differing.isEmpty { notice(differing, location: store.path) }
    }

    /// The workspace's configuration with the settings of the store at
    /// `location` in place (operators, groups, retry, timezone): what the
    /// task commands work with. A store that cannot be read here leaves the
    /// workspace's own; the command's own opening of it says why.
    static func configuration(_ configuration: WorkspaceConfiguration?, location: String) -> WorkspaceConfiguration? {
        guard PostgresLocation.isPostgres(location) || FileManager.default.fileExists(atPath: location),
              let store = try? CardStore(path: location, timeZone: configuration?.workflow.timeZone ?? .current),
              let stored = try? store.centreSettings(), let centre = CentreSettings.decode(stored.yaml).configuration else { return configuration }
        let differing = CentreSettings(centre).differences(from: CentreSettings(configuration))
        if !differing.isEmpty { notice(differing, location: location) }
        return CentreSettings.applying(centre, to: configuration)
    }

    nonisolated(unsafe) private static var told = false

    /// One line per process, whatever opens the store again.
    private static func notice(_ differing: [String], location: String) {
        guard !told else { return }
        told = true
        let names = differing.map { $0 == "card" ? "card statuses/transitions" : $0 }.joined(separator: ", ")
        StandardOutput.error("callguide: this workspace's callguide.yaml differs from the centre settings in \(StoreAccess.shown(location)) (\(names)); the store's settings apply (callguide db config show)")
    }
}
