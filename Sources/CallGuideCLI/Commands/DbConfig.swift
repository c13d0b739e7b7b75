import CallGuide
import CallGuideStore
import Foundation

/// `callguide db config push | show`: the centre-wide settings kept in the
/// store (store.md 3).
enum DbConfig {
    static func push(_ location: String, workspace: Workspace, configuration: WorkspaceConfiguration?) throws(CommandError) -> Int32 {
        guard let file = workspace.configurationPath, let configuration else {
            throw .unusableInput("no callguide.yaml in this workspace (\(workspace.root)); db config push stores its settings for the whole centre")
        }
        let store = try StoreAccess.open(location, configuration: configuration, appliesCentreSettings: false)
        let settings = CentreSettings(configuration)
        return try CardCommand.attempt(location) {
            try store.pushCentreSettings(yaml: settings.yaml, by: CallIdentity.operatorName(option: nil))
            let shown = TerminalText.sanitize(StoreAccess.shown(location))
            StandardOutput.print("Pushed the centre settings of \(TerminalText.sanitize(file)) to \(shown); every workspace on this store now uses them:")
            StandardOutput.write(settings.entries.isEmpty ? "(none set: the defaults apply everywhere)\n" : TerminalText.sanitize(settings.yaml, allowNewlines: true), to: 1)
            return 0
        }
    }

    static func show(_ location: String, configuration: WorkspaceConfiguration?) throws(CommandError) -> Int32 {
        let store = try StoreAccess.openExisting(location, configuration: configuration, appliesCentreSettings: false)
        return try CardCommand.attempt(location) {
            let shown = TerminalText.sanitize(StoreAccess.shown(location))
            guard let stored = try store.centreSettings() else {
                StandardOutput.print("\(shown) has no centre settings yet: each workspace's own callguide.yaml applies (callguide db config push stores them).")
                return 0
            }
            let centre = CentreSettings.decode(stored.yaml).configuration
            let when = CallListing.when(stored.pushedAt, zone: centre?.workflow.timeZone ?? store.timeZone)
            StandardOutput.print("Centre settings in \(shown), pushed \(when) by \(TerminalText.sanitize(stored.pushedBy)):")
            StandardOutput.write(stored.yaml.isEmpty ? "(none set: the defaults apply everywhere)\n" : TerminalText.sanitize(stored.yaml, allowNewlines: true), to: 1)
            if let centre {
                let differing = CentreSettings(centre).differences(from: CentreSettings(configuration))
                if !differing.isEmpty {
                    StandardOutput.print("This workspace's callguide.yaml differs in \(differing.joined(separator: ", ")); the store's settings apply.")
                }
            }
            return 0
        }
    }
}
