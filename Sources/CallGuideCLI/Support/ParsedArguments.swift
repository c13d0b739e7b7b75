/// A small, strict argument parser: `--name value`, `--name=value`, flags
/// and positionals. Unknown options are usage errors, never ignored.
struct ParsedArguments {
    let command: String
    private(set) var positionals: [String] = []
    private var options: [String: [String]] = [:]
    private var flags: Set<String> = []

    /// - Parameters:
    ///   - valued: options that take a value (without the leading `--`).
    ///   - flags: options that take none.
    init(_ arguments: [String], command: String, valued: Set<String>, flags allowedFlags: Set<String>) throws(CommandError) {
        self.command = command
        var index = 0
        var onlyPositionals = false
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            if onlyPositionals || !argument.hasPrefix("--") || argument == "-" {
                if argument.hasPrefix("-"), argument != "-", !onlyPositionals {
                    throw .usage(command: command, message: "unknown option '\(argument)'")
                }
                positionals.append(argument)
                continue
            }
            if argument == "--" {
                onlyPositionals = true
                continue
            }
            var name = String(argument.dropFirst(2))
            var value: String?
            if let equals = name.firstIndex(of: "=") {
                value = String(name[name.index(after: equals)...])
                name = String(name[..<equals])
            }
            if allowedFlags.contains(name) {
                guard value == nil else { throw .usage(command: command, message: "option '--\(name)' takes no value") }
                flags.insert(name)
            } else if valued.contains(name) {
                if value == nil {
                    guard index < arguments.count else {
                        throw .usage(command: command, message: "option '--\(name)' needs a value")
                    }
                    value = arguments[index]
                    index += 1
                }
                options[name, default: []].append(value!)
            } else {
                let hint = DidYouMeanOption.hint(name, among: valued.union(allowedFlags))
                throw .usage(command: command, message: "unknown option '--\(name)'\(hint)")
            }
        }
    }

    func flag(_ name: String) -> Bool { flags.contains(name) }

    func value(_ name: String) -> String? { options[name]?.last }

    /// Every value of a repeatable option, in the order given.
    func values(_ name: String) -> [String] { options[name] ?? [] }

    /// A value restricted to a set of choices.
    func choice(_ name: String, among choices: [String], default fallback: String) throws(CommandError) -> String {
        guard let value = value(name) else { return fallback }
        guard choices.contains(value) else {
            throw .usage(command: command, message: "'--\(name)' must be one of \(choices.joined(separator: ", ")), not '\(value)'")
        }
        return value
    }
}

import CallGuide

enum DidYouMeanOption {
    static func hint(_ name: String, among options: Set<String>) -> String {
        Suggestions.closest(to: name, among: options.sorted()).map { " (did you mean '--\($0)'?)" } ?? ""
    }
}
