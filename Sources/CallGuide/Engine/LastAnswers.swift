import Foundation

/// `last.NODE` values as a call reads them (workflow, section 2.3): a
/// stored answer that does not have the type NODE has in this script (an
/// older script asked it differently) reads as null, so expressions never
/// meet a value of a type the checker did not expect.
enum LastAnswers {
    static func fitting(_ values: [String: Value], script: Script) -> [String: Value] {
        guard !values.isEmpty else { return values }
        var kept: [String: Value] = [:]
        for (node, value) in values where !value.isNull {
            guard let index = script.nodeIndex[node] else {
                // Not a node here: typed as text.
                if case .string = value { kept[node] = value }
                continue
            }
            switch script.nodes[index].kind {
            case .ask(let question): if fits(value, question) { kept[node] = value }
            case .offer: if case .bool = value { kept[node] = value }
            default: if case .string = value { kept[node] = value }
            }
        }
        return kept
    }

    static func fits(_ value: Value, _ question: Question) -> Bool {
        switch (question.type, value) {
        case (.text, .string), (.phone, .string), (.email, .string): return true
        case (.number, .number): return true
        case (.integer, .number(let n)), (.scale, .number(let n)), (.nps, .number(let n)): return n.isWhole
        case (.yesno, .bool): return true
        case (.date, .string(let text)): return CalendarDate(isoText: text) != nil
        case (.datetime, .string(let text)): return LocalDateTime(isoText: text) != nil
        case (.choice, .string(let key)): return question.option(key) != nil
        case (.multi, .list(let keys)):
            return keys.allSatisfy { if case .string(let key) = $0 { return question.option(key) != nil } else { return false } }
        default: return false
        }
    }
}
