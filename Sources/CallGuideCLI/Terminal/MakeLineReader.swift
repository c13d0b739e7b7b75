import Glibc

/// The reader suited to how callguide was started: libedit line editing when
/// both `input` and `output` are terminals, else a plain pipe reader that
/// prints no prompt (so piped runs and tests see identical, quiet behaviour).
public func makeLineReader(input: Int32 = 0, output: Int32 = 1) -> LineReader {
    if isatty(input) != 0 && isatty(output) != 0,
        let reader = EditLineReader(input: input, output: output)
    {
        return reader
    }
    return PipeLineReader(fd: input)
}
