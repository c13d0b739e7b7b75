import CallGuide
import CallGuideStore
import Foundation

/// The task a call is made for (`next`, `run --task`, a resumed call):
/// taken by this call, shown to the operator first, kept held while they
/// answer, and settled with the call's record.
struct TaskAssignment {
    let task: ClientTask
    let callID: String
    let retry: [String: RetryRule]
    let directory: CentreDirectory

    /// What the operator sees before the first prompt, in the screen's
    /// language: the task, its note, and for a transfer what the customer
    /// already said (those lines stay in the script's own words).
    func banner(_ ui: UIText) -> [String] {
        var lines = [ui(.taskBanner, task.id, task.kind.rawValue, directory.due(task).replacingOccurrences(of: "T", with: " "), String(task.attempts + 1))]
        if let note = task.note, !note.isEmpty {
            // A transfer's note repeats its handover lines: shown once, below.
            let handedOver = Set(task.handover)
            lines += note.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
                .filter { !handedOver.contains($0) }.map { ui(.taskNote, $0) }
        }
        if !task.handover.isEmpty {
            lines.append(ui(.taskHandedOver))
            lines += task.handover.map { "    \($0)" }
        }
        return lines.map { TerminalText.sanitize($0) } + [""]
    }

    /// How the call ended, for settling the task.
    func end(_ end: CallEnd) -> TaskCallEnd {
        TaskCallEnd(taskID: task.id, outcome: end.outcome, reason: end.reason, retry: retry)
    }

    /// One line saying what became of the task, in the screen's language.
    func describe(_ settlement: TaskSettlement, ui: UIText) -> String {
        switch settlement {
        case .done: return ui(.taskDone, task.id)
        case .retried(let due, let rule):
            let attempt = String(task.attempts + 1)
            if let limit = retry[rule]?.maxAttempts {
                return ui(.taskRetriedOf, task.id, rule, directory.when(due), attempt, String(limit))
            }
            return ui(.taskRetried, task.id, rule, directory.when(due), attempt)
        case .cancelled(let rule): return ui(.taskCancelled, task.id, rule, String(task.attempts + 1))
        case .reopened: return ui(.taskReopened, task.id)
        case .alreadyClosed(let status): return ui(.taskAlreadyClosed, task.id, status.rawValue)
        }
    }
}

/// A workspace's scripts by id: where `next` and `run --task` find the
/// script a task names (`scripts:` in callguide.yaml, default `scripts`).
enum ScriptDirectory {
    static func folder(_ workspace: Workspace, configuration: WorkspaceConfiguration?) -> String {
        let folder = configuration?.workflow.scriptsFolder ?? "scripts"
        return folder.hasPrefix("/") ? folder : (workspace.root as NSString).appendingPathComponent(folder)
    }

    /// The path of the script with this id; an error naming the ids found.
    static func find(id: String, workspace: Workspace, configuration: WorkspaceConfiguration?) throws(CommandError) -> String {
        let folder = folder(workspace, configuration: configuration)
        var found: [String] = []
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted()
        for name in names where (name.hasSuffix(".yaml") || name.hasSuffix(".yml")) && name != Workspace.configurationName {
            let path = (folder as NSString).appendingPathComponent(name)
            guard let file = try? SourceFile.read(path), let script = ScriptLoader.load(file.bytes, configuration: configuration).script else { continue }
            if script.id == id { return path }
            found.append(script.id)
        }
        let known = found.isEmpty ? "it holds no script" : "its scripts are \(found.joined(separator: ", "))"
        throw .unusableInput("no script with id '\(TerminalText.sanitize(id))' in \(folder) (\(known))")
    }
}
