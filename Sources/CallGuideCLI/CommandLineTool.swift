/// Entry point of the `callguide` command.
public enum CommandLineTool {
    /// Runs one invocation and returns the exit status.
    public static func main(arguments: [String]) -> Int32 {
        0
    }
}
