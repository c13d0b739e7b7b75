/// A hidden diagnostic loop (`callguide __line-echo`) that echoes each line
/// read, so tests can drive the real line readers through a pipe or a
/// pseudo-terminal without a script.
public enum LineEcho {
    /// Echoes lines until end of input; prints `line: <text>`, `interrupted`
    /// or `end` per event. Returns the exit status (0).
    public static func run() -> Int32 {
        let reader = makeLineReader()
        withExtendedLifetime(reader) {
            loop: while true {
                switch reader.readLine(prompt: "echo> ") {
                case .line(let text):
                    print("line: \(TerminalText.sanitize(text))")
                case .interrupted:
                    print("interrupted")
                case .endOfInput:
                    print("end")
                    break loop
                }
            }
        }
        return 0
    }
}
