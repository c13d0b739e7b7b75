import CallGuide

/// `callguide graph SCRIPT [--format mermaid|dot]`: the script as a graph.
enum GraphCommand: Command {
    static let name = "graph"
    static let summary = "draw a script as a Mermaid or Graphviz graph"
    static let help = """
        Usage: callguide graph SCRIPT [--format mermaid|dot]

        Prints the script as a graph: nodes labelled with their kind and text,
        edges with their conditions (next rules) and option keys (goto).
        Handlers appear as entry points; a "start" circle points at the start
        node, which is drawn bold. Each module of use: is a cluster (a
        module's modules nested in it) with its nodes as ALIAS.NODE; a flow
        node has an edge labelled "flow" into its module, and its other
        edges are where the call goes once the module returns. Paste Mermaid into Markdown, or render
        dot with Graphviz: callguide graph s.yaml --format dot | dot -Tsvg > s.svg

        Mermaid ids are prefixed (n_greeting; a node whose id is not ASCII is
        n3, by its place in nodes; handlers h_price), so nodes named end,
        graph or subgraph cannot break the chart; labels show the real ids.
        Dot quotes every id; handlers are "!NAME", the start marker "(start)".

        Options:
          --format FORMAT  mermaid (default) or dot

        A script with errors is not drawn: its diagnostics are printed (exit 2).
        """

    static func run(_ arguments: [String]) throws(CommandError) -> Int32 {
        let parsed = try ParsedArguments(arguments, command: name, valued: ["format"], flags: [])
        let format = ScriptGraphFormat(rawValue: try parsed.choice("format", among: ScriptGraphFormat.allCases.map(\.rawValue), default: "mermaid"))!
        guard parsed.positionals.count == 1 else {
            throw .usage(command: name, message: "name exactly one script")
        }
        let loaded = try LoadedScript.load(parsed.positionals[0])
        StandardOutput.print(ScriptGraphRenderer.render(loaded.script, format: format))
        return 0
    }
}
