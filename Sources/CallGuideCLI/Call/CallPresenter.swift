import CallGuide

/// Turns engine events into what the operator reads on screen. Customer data
/// is neutralized before it is shown: a pasted or stored value cannot
/// reprogram the operator's terminal.
struct CallPresenter {
    var style: TerminalStyle

    func lines(for event: CallEvent, session: CallSession) -> [String] {
        switch event {
        case .start, .answer, .back, .note:
            return []
        case .say(_, let text):
            return [clean(text)]
        case .ask, .offer:
            return session.prompt.map(promptLines) ?? []
        case .invalid(_, _, let error):
            return [style.red("  ✗ ") + clean(error)]
        case .warning(_, let message):
            return [style.yellow("  ! ") + clean(message)]
        case .skip:
            return []
        case .handler(let name, _):
            let label = session.script.handler(name)?.label ?? name
            return [style.cyan("→ \(clean(label)) (!\(name))")]
        case .return(let node):
            return [style.cyan("← back to '\(node)'")]
        case .error(_, let message):
            return [style.red("  error: ") + clean(message)]
        case .end(let end):
            var text = "Call ended: \(end.outcome)"
            if let reason = end.reason { text += " (\(clean(reason)))" }
            return [style.bold(text)]
        }
    }

    func promptLines(_ prompt: Prompt) -> [String] {
        var lines = [style.bold(clean(prompt.text))]
        for choice in prompt.options {
            lines.append("  \(choice.number)) \(clean(choice.label))  \(style.dim("[\(choice.key)]"))")
        }
        var notes: [String] = []
        if prompt.isOffer { notes.append("yes/no") }
        if let type = prompt.type {
            switch type {
            case .multi: notes.append("several: e.g. 1 3")
            case .yesno: notes.append("yes/no")
            case .nps: notes.append("0-10")
            case .date: notes.append("YYYY-MM-DD or DD.MM.YYYY")
            case .number, .integer, .phone, .email, .scale: notes.append(type.rawValue)
            default: break
            }
        }
        if prompt.optional { notes.append(":skip allowed") }
        if !notes.isEmpty { lines.append(style.dim("  (\(notes.joined(separator: ", ")))")) }
        if let hint = prompt.hint, !hint.isEmpty { lines.append(style.dim("  hint: \(clean(hint))")) }
        return lines
    }

    /// The prompt string before the operator's input.
    func promptString(_ prompt: Prompt?) -> String {
        guard let prompt else { return "> " }
        let handlers = prompt.handlers.isEmpty ? "" : "[\(prompt.handlers.joined(separator: ">"))] "
        return "\(handlers)\(prompt.node)> "
    }

    func help(for script: Script) -> [String] {
        var lines = [
            "Commands:",
            "  :back            undo the last answer and ask that question again",
            "  :skip            skip an optional question",
            "  :note TEXT       attach a note to the call",
            "  :card            show the client card with this call's changes",
            "  :history         show the answers so far",
            "  :hangup [REASON] end the call now (outcome hangup)",
            "  :help            this list",
            "  \\TEXT            answer TEXT literally (e.g. \\:) )",
        ]
        if !script.handlers.isEmpty {
            lines.append("Handlers:")
            for handler in script.handlers { lines.append("  !\(handler.name.padding(toLength: 15, withPad: " ", startingAt: 0)) \(clean(handler.label))") }
        }
        return lines
    }

    func history(_ session: CallSession) -> [String] {
        let answers = session.answers
        guard !answers.isEmpty else { return ["No answers yet."] }
        return answers.map { "  \($0.node): \(clean($0.value.isNull ? "(skipped)" : $0.value.displayText))" }
    }

    func card(base: [String: Value], session: CallSession) -> [String] {
        var fields = base
        for (field, value) in session.cardChanges { fields[field] = value }
        guard !fields.isEmpty else { return ["No card data yet."] }
        let changed = Set(session.cardChanges.map(\.field))
        return fields.keys.sorted().map { key in
            let mark = changed.contains(key) ? style.yellow(" *") : ""
            return "  \(key): \(clean(fields[key]!.displayText))\(mark)"
        }
    }

    func clean(_ text: String) -> String {
        TerminalText.sanitize(text)
    }
}

import Foundation
