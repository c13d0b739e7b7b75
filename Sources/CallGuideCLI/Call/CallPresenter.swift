import CallGuide

/// Turns engine events into what the operator reads on screen. Customer data
/// is neutralized before it is shown: a pasted or stored value cannot
/// reprogram the operator's terminal.
struct CallPresenter {
    var style: TerminalStyle
    /// The operator screen's language (`OperatorLanguage`).
    var ui: UIText = .english
    /// The workspace's outcomes, beside the script's own.
    var outcomes: [OutcomeDeclaration] = []

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
            let shown = session.script.handler(name).map { label($0.label, session.script, language: session.context.language) } ?? name
            return [style.cyan("→ \(clean(shown)) (!\(name))")]
        case .return(let node):
            return [style.cyan(ui(.backTo, node))]
        case .error(_, let message):
            return [style.red("  " + ui(.errorPrefix)) + clean(message)]
        case .task(let task):
            let whom = task.assignee ?? task.group.map { ui(.taskForGroup, $0) } ?? "-"
            return [style.cyan("  " + ui(.taskMade, task.kind.rawValue, task.due.replacingOccurrences(of: "T", with: " "), clean(whom)))]
        case .faq(let lookup):
            return faqLines(lookup, session: session)
        case .end(let end):
            var text = ui(.callEnded, outcome(end.outcome, session))
            if let reason = end.reason { text += " (\(clean(reason)))" }
            return [style.bold(text)]
        }
    }

    func promptLines(_ prompt: Prompt) -> [String] {
        var lines = [style.bold(clean(prompt.text))]
        for choice in prompt.options {
            // A list of keys has labels equal to the keys: show them once.
            let key = choice.label == choice.key ? "" : "  " + style.dim("[\(choice.key)]")
            lines.append("  \(choice.number)) \(clean(choice.label))\(key)")
        }
        var notes: [String] = []
        if prompt.isOffer { notes.append(ui(.noteYesNo)) }
        if let type = prompt.type {
            switch type {
            case .multi: notes.append(ui(.noteSeveral))
            case .yesno: notes.append(ui(.noteYesNo))
            case .nps: notes.append("0-10")
            case .date: notes.append(ui(.noteDate))
            case .datetime: notes.append(ui(.noteDateTime))
            case .number: notes.append(ui(.typeNumber))
            case .integer: notes.append(ui(.typeInteger))
            case .phone: notes.append(ui(.typePhone))
            case .email: notes.append(ui(.typeEmail))
            case .scale:
                let range = prompt.scale.map { " \(canonicalNumberText($0.lowerBound))-\(canonicalNumberText($0.upperBound))" } ?? ""
                notes.append(ui(.typeScale) + range)
            default: break
            }
        }
        if prompt.optional { notes.append(ui(.noteSkipAllowed)) }
        if !notes.isEmpty { lines.append(style.dim("  (\(notes.joined(separator: ", ")))")) }
        if let hint = prompt.hint, !hint.isEmpty { lines.append(style.dim("  " + ui(.hintPrefix) + clean(hint))) }
        return lines
    }

    /// The prompt string before the operator's input.
    func promptString(_ prompt: Prompt?) -> String {
        guard let prompt else { return "> " }
        let handlers = prompt.handlers.isEmpty ? "" : "[\(prompt.handlers.joined(separator: ">"))] "
        return "\(handlers)\(prompt.node)> "
    }

    func help(for script: Script, language: String?) -> [String] {
        let text = ui(.helpArgumentText)
        let commands: [(String, String)] = [
            (":back", ui(.helpBack)), (":skip", ui(.helpSkip)), (":note \(text)", ui(.helpNote)), (":card", ui(.helpCard)),
            (":history", ui(.helpHistory)), (":hangup [\(ui(.helpArgumentReason))]", ui(.helpHangup)), (":help", ui(.helpHelp)),
            ("\\\(text)", ui(.helpLiteral, text)),
        ] + (script.faq.isEmpty ? [] : [("?\(ui(.helpArgumentWords))", ui(.helpLookup))])
        // The column fits the longest command (":hangup [ПРИЧИНА]" is longer
        // than the English one); padding never cuts it.
        let width = max(16, commands.map(\.0.count).max() ?? 0)
        var lines = [ui(.helpCommands)]
        for (command, meaning) in commands {
            lines.append("  \(command.padding(toLength: width, withPad: " ", startingAt: 0)) \(meaning)")
        }
        if !script.handlers.isEmpty {
            lines.append(ui(.helpHandlers))
            for handler in script.handlers { lines.append("  !\(handler.name.padding(toLength: 15, withPad: " ", startingAt: 0)) \(clean(label(handler.label, script, language: language)))") }
        }
        return lines
    }

    /// The entries a `?WORDS` lookup found, each question with its answer
    /// to read out, in the call's language; or that nothing matched.
    func faqLines(_ lookup: FAQLookup, session: CallSession) -> [String] {
        guard !lookup.shown.isEmpty else { return [style.yellow("  ? ") + clean(ui(.faqNothingFound, lookup.query))] }
        var lines: [String] = []
        for (number, id) in lookup.shown.enumerated() {
            guard let entry = session.faqEntry(id) else { continue }
            let question = label(entry.question, session.script, language: session.context.language)
            let answer = label(entry.answer, session.script, language: session.context.language)
            lines.append(style.cyan("  ?\(number + 1) ") + style.bold(clean(question)))
            lines.append("     " + clean(answer))
        }
        return lines
    }

    func history(_ session: CallSession) -> [String] {
        let answers = session.answers
        guard !answers.isEmpty else { return [ui(.noAnswersYet)] }
        return answers.map { "  \($0.node): \(clean($0.value.isNull ? ui(.skipped) : ui.display($0.value)))" }
    }

    func card(base: [String: Value], session: CallSession) -> [String] {
        var fields = base
        for (field, value) in session.cardChanges { fields[field] = value }
        guard !fields.isEmpty else { return [ui(.noCardData)] }
        let changed = Set(session.cardChanges.map(\.field))
        return fields.keys.sorted().map { key in
            let mark = changed.contains(key) ? style.yellow(" *") : ""
            return "  \(key): \(clean(ui.display(fields[key]!)))\(mark)"
        }
    }

    /// A handler's or outcome's label in the call's language.
    func label(_ label: LocalizedLabel, _ script: Script, language: String?) -> String {
        label.text(for: language, fallback: script.language)
    }

    /// `sale — Продажа`: the outcome and its label, when the script (or the
    /// workspace) gives one other than the name.
    func outcome(_ name: String, _ session: CallSession) -> String {
        let declared = (outcomes + session.script.outcomes).last { $0.name == name }
        let builtIn: [String: UIMessage] = ["hangup": .outcomeHangup, "abandoned": .outcomeAbandoned, "error": .outcomeError]
        let text: String
        if let declared {
            text = clean(declared.label.text(for: session.context.language, fallback: session.script.language))
        } else if let message = builtIn[name] {
            text = ui(message)
        } else {
            return name
        }
        return text == name ? name : "\(name) — \(text)"
    }

    func clean(_ text: String) -> String {
        TerminalText.sanitize(text)
    }
}

import Foundation
