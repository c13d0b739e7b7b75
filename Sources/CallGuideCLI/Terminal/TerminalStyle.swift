import Foundation

/// Colour and emphasis for callguide's own output, off unless it will help.
///
/// Escape sequences are only emitted when the output is a terminal and the
/// user has not opted out with `NO_COLOR` (https://no-color.org: any
/// non-empty value) or `TERM=dumb`; otherwise every helper returns its
/// argument unchanged, so piped output and logs stay plain text.
/// The helpers do not sanitize: pass customer data through
/// `TerminalText.sanitize` first. `TerminalText.forTerminal` lets exactly
/// these sequences (`codes`) through to a terminal and neutralizes all others.
public struct TerminalStyle: Equatable, Sendable {
    /// Whether the helpers add ANSI colour and emphasis.
    public let usesColor: Bool

    public init(usesColor: Bool) {
        self.usesColor = usesColor
    }

    /// A style that never adds escape sequences.
    public static let plain = TerminalStyle(usesColor: false)

    /// The style for output written to `fd`, given the process environment.
    public static func detect(
        fd: Int32 = 1,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> TerminalStyle {
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty {
            return .plain
        }
        if environment["TERM"] == "dumb" {
            return .plain
        }
        return TerminalStyle(usesColor: isatty(fd) != 0)
    }

    /// The Select Graphic Rendition parameters the helpers emit (and reset).
    public static let codes: Set<String> = ["0", "1", "2", "31", "32", "33", "36"]

    public func bold(_ text: String) -> String { wrap(text, "1") }
    public func dim(_ text: String) -> String { wrap(text, "2") }
    public func red(_ text: String) -> String { wrap(text, "31") }
    public func green(_ text: String) -> String { wrap(text, "32") }
    public func yellow(_ text: String) -> String { wrap(text, "33") }
    public func cyan(_ text: String) -> String { wrap(text, "36") }

    private func wrap(_ text: String, _ code: String) -> String {
        usesColor ? "\u{1b}[\(code)m\(text)\u{1b}[0m" : text
    }
}
