/// Which module files changed since a call was recorded, from the `start`
/// event's `modules:` (script language 9.1), so that a replay or resume
/// that no longer fits names the file to look at.
public enum ModuleChanges {
    /// A sentence naming each module whose file differs from the one the
    /// call ran with, is new, or is gone; nil when none can be told apart.
    public static func note(recorded: [String: String], script: Script) -> String? {
        guard !recorded.isEmpty || !script.modules.isEmpty else { return nil }
        var changes: [String] = []
        for module in script.modules {
            switch recorded[module.alias] {
            case let hash? where hash != module.sha256:
                changes.append("module '\(module.alias)' (\(module.path)) changed since the call was recorded")
            case nil where !recorded.isEmpty:
                changes.append("module '\(module.alias)' (\(module.path)) was not used when the call was recorded")
            default:
                break
            }
        }
        let used = Set(script.modules.map(\.alias))
        for alias in recorded.keys.sorted() where !used.contains(alias) {
            changes.append("module '\(alias)' the call was recorded with is no longer used")
        }
        return changes.isEmpty ? nil : changes.joined(separator: "; ")
    }
}
