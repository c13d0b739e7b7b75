import Foundation

/// The client card `cases` gives every other call when the script's
/// conditions read card fields (`when: card.name == null`): one call
/// without a card, the next with a card whose fields that the script
/// reads are filled, so that such conditions go both ways.
struct CaseCard {
    /// The card's id in the generated transcripts.
    static let id = "case-card"

    /// The filled fields; empty when the script's conditions read none.
    let fields: [String: Value]

    init(script: Script, today: String) {
        var read: [String] = []
        func collect(_ expression: LocatedExpression?) {
            for reference in expression?.expression.references ?? [] {
                if case .card(let field) = reference.name, !read.contains(field) { read.append(field) }
            }
        }
        for node in script.nodes {
            collect(node.when)
            if case .rules(let rules)? = node.next { for rule in rules { collect(rule.condition) } }
            for assignment in node.set { collect(assignment.value) }
        }
        var fields: [String: Value] = [:]
        for field in read {
            let declared = script.cardFields.first { $0.name == field }
            fields[field] = Self.sample(field, type: declared?.type ?? .text, options: declared?.options ?? [], today: today)
        }
        self.fields = fields
    }

    /// A plausible stored value for a field of this type.
    private static func sample(_ field: String, type: AnswerType, options: [String], today: String) -> Value {
        switch type {
        case .number, .integer, .scale, .nps: return .number(1)
        case .yesno: return .bool(true)
        case .choice, .multi: return options.first.map { type == .multi ? .list([.string($0)]) : .string($0) } ?? .string("sample")
        case .date: return .string(today)
        case .datetime: return .string(today + "T10:00")
        case .phone: return .string("+15551234567")
        case .email: return .string("client@example.com")
        case .text:
            switch field {
            case "phone": return .string("+15551234567")
            case "email": return .string("client@example.com")
            case "name": return .string("Sample Client")
            default: return .string("sample")
            }
        }
    }
}
