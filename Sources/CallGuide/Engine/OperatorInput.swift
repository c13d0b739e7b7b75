/// One line typed by the operator, classified (script language, section 4):
/// `:command`, `!handler`, or an answer (`\` escapes a leading `:` or `!`).
public enum OperatorInput: Equatable, Sendable {
    case answer(String)
    case command(name: String, argument: String)
    case handler(String)
    /// An empty line: never an answer, leaves no event.
    case empty

    public init(line: String) {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty {
            self = .empty
        } else if trimmed.hasPrefix("\\") {
            self = .answer(String(trimmed.dropFirst()))
        } else if trimmed.hasPrefix(":") {
            let body = trimmed.dropFirst()
            let name = body.prefix { !$0.isWhitespace }
            let argument = body.dropFirst(name.count).trimmingCharacters(in: .whitespaces)
            self = .command(name: String(name).lowercased(), argument: argument)
        } else if trimmed.hasPrefix("!") {
            self = .handler(String(trimmed.dropFirst()).trimmingCharacters(in: .whitespaces))
        } else {
            self = .answer(trimmed)
        }
    }

    /// Commands the front-end shows by itself; the engine leaves them be.
    public static let displayCommands: Set<String> = ["card", "history", "help"]
}

import Foundation
