/// One `callguide` subcommand: its help text and how to run it.
protocol Command: Sendable {
    static var name: String { get }
    /// One line for `callguide --help`.
    static var summary: String { get }
    /// The whole `--help` text.
    static var help: String { get }
    /// Runs with the arguments after the command name; returns the exit status.
    static func run(_ arguments: [String]) throws(CommandError) -> Int32
}
