import CallGuide

/// `replay --assume NODE=VALUE` (repeatable) and `--assume-file FILE`: the
/// answers QA assumes for questions the transcripts never heard. The file
/// is read here and decoded by the engine's loader (file:line errors); the
/// command line's entries replace the file's for the same node.
enum ReplayAssumptionOptions {
    static func read(_ parsed: ParsedArguments, script: Script) throws(CommandError) -> ReplayAssumptions {
        var assumptions = ReplayAssumptions()
        if let path = parsed.value("assume-file") {
            let file = try SourceFile.read(path)
            let (loaded, diagnostics) = ReplayAssumptions.load(file.bytes, for: script)
            let renderer = DiagnosticRenderer(style: .detect(fd: 2))
            guard let loaded else {
                for diagnostic in diagnostics { StandardOutput.error(renderer.render(diagnostic, in: file)) }
                let first = diagnostics.first { $0.severity == .error }
                let place = first.map { ":\($0.location.line)" } ?? ""
                throw .unusableInput("\(path)\(place): \(first?.message ?? "the assumptions cannot be read")")
            }
            assumptions = loaded
        }
        var given = ReplayAssumptions()
        for argument in parsed.values("assume") {
            guard let equals = argument.firstIndex(of: "="), equals != argument.startIndex else {
                throw .usage(command: parsed.command, message: "'--assume \(argument)' must be NODE=VALUE")
            }
            let node = String(argument[..<equals])
            let line = String(argument[argument.index(after: equals)...])
            if let problem = ReplayAssumptions.problem(node: node, line: line, in: script) {
                throw .usage(command: parsed.command, message: "--assume \(argument): \(problem)")
            }
            given.set(node, (given.values[node] ?? []) + [line])
        }
        return assumptions.merging(given)
    }
}
