/// Why a command stopped early. Each case maps to the exit status of cli.md
/// and carries one clear sentence for stderr.
public enum CommandError: Error, Equatable {
    /// Bad arguments: exit 2, with a pointer to `--help`.
    case usage(command: String, message: String)
    /// A file or database that cannot be used: exit 2.
    case unusableInput(String)
    /// The thing checked failed (check errors, replay divergence): exit 1.
    case failed(String?)

    public var exitStatus: Int32 {
        switch self {
        case .usage, .unusableInput: return 2
        case .failed: return 1
        }
    }
}
