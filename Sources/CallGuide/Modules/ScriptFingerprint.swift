/// The `script_sha256` of a script with modules (script language 9.1): one
/// hash over the script file's and each module file's, so a change to any
/// of them changes it; a script without modules keeps its file's hash.
public enum ScriptFingerprint {
    public static func sha256(script fileSHA256: String, modules: [LinkedModule]) -> String {
        guard !modules.isEmpty else { return fileSHA256 }
        var text = "callguide modules\n" + fileSHA256 + "\n"
        for module in modules.sorted(by: { $0.alias < $1.alias }) { text += module.alias + " " + module.sha256 + "\n" }
        return SHA256.hex(Array(text.utf8))
    }

    /// `modules:` of the `start` event: alias -> the module file's hash.
    public static func moduleHashes(_ modules: [LinkedModule]) -> [String: String] {
        var result: [String: String] = [:]
        for module in modules { result[module.alias] = module.sha256 }
        return result
    }
}
