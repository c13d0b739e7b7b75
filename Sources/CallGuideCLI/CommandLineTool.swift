import Foundation
/// Entry point of the `callguide` command: finds the subcommand, handles
/// `--help`, and turns every `CommandError` into one clear sentence on
/// stderr and the exit status of cli.md.
public enum CommandLineTool {
    public static let version = "1.0.0"

    static var commands: [any Command.Type] {
        [
            RunCommand.self, ResumeCommand.self, DemoCommand.self,
            CheckCommand.self, GraphCommand.self, SchemaCommand.self, InitCommand.self,
            ReplayCommand.self, CasesCommand.self,
            CardCommand.self, CallsCommand.self, ReportCommand.self, DbCommand.self, SyncCommand.self,
            TasksCommand.self, TaskCommand.self, NextCommand.self,
        ]
    }

    public static func main(arguments: [String]) -> Int32 {
        guard let first = arguments.first else {
            StandardOutput.error(overview)
            return 2
        }
        if first == "--help" || first == "-h" || first == "help" {
            if arguments.count > 1, let command = command(named: arguments[1]) {
                StandardOutput.print(command.help)
            } else {
                StandardOutput.print(overview)
            }
            return 0
        }
        // Hidden: drives the line reader alone, for the terminal tests.
        if first == "__line-echo" { return LineEcho.run() }
        // Hidden: many synthetic calls from one process, for the concurrency tests.
        if first == StoreCallsCommand.name { return runReporting(StoreCallsCommand.self, Array(arguments.dropFirst())) }
        if first == "--version" {
            StandardOutput.print("callguide \(version) (script language 1)")
            return 0
        }
        guard let command = command(named: first) else {
            let names = commands.map { $0.name }
            let hint = DidYouMeanOption.commandHint(first, among: names)
            StandardOutput.error("callguide: unknown command '\(first)'\(hint); see 'callguide --help'")
            return 2
        }
        let rest = Array(arguments.dropFirst())
        if rest.contains("--help") || rest.contains("-h"), !(command == ReportCommand.self && ReportCommand.hasOwnHelp(rest.first)) {
            StandardOutput.print(command.help)
            return 0
        }
        return runReporting(command, rest)
    }

    /// Runs a command, turning its `CommandError` into one sentence on stderr.
    private static func runReporting(_ command: any Command.Type, _ rest: [String]) -> Int32 {
        do {
            return try command.run(rest)
        } catch {
            switch error {
            case .usage(let name, let message):
                StandardOutput.error("callguide \(name): \(message); see 'callguide \(name) --help'")
            case .unusableInput(let message):
                StandardOutput.error("callguide: \(message)")
            case .failed(let message):
                if let message { StandardOutput.error("callguide: \(message)") }
            }
            return error.exitStatus
        }
    }

    static func command(named name: String) -> (any Command.Type)? {
        commands.first { $0.name == name }
    }

    static var overview: String {
        let width = commands.map { $0.name.count }.max() ?? 0
        let lines = commands.map { "  \($0.name.padding(toLength: width + 2, withPad: " ", startingAt: 0))\($0.summary)" }
        return """
            callguide: call scripts for call-centre operators, trainers and QA.

            Usage: callguide COMMAND [OPTIONS]

            Commands:
            \(lines.joined(separator: "\n"))

            Run 'callguide COMMAND --help' for a command's options.
            Start with 'callguide demo' to see a whole call.
            """
    }
}

import CallGuide

extension DidYouMeanOption {
    static func commandHint(_ name: String, among names: [String]) -> String {
        Suggestions.closest(to: name, among: names).map { " (did you mean '\($0)'?)" } ?? ""
    }
}
