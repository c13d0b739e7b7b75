/// `callguide schema`: a JSON Schema of the script language for editors.
enum SchemaCommand: Command {
    static let name = "schema"
    static let summary = "print a JSON Schema of the script language for editors"
    static let help = """
        Usage: callguide schema > callguide.schema.json

        Prints a JSON Schema (draft-07) of the call script language. YAML
        language servers (VS Code's YAML extension and others) validate and
        complete scripts with it. Add to the top of a script:
          # yaml-language-server: $schema=./callguide.schema.json
        The schema catches shapes and names: a node is exactly one kind with
        its own keys; options only on choice and multi questions (and
        required there); bounds only on number, integer and scale (and
        required on scale); reserved words (card, answer...) are no names;
        modules: use: (alias -> path), module: true, and flow: ALIAS[.NODE]
        nodes with with: {VAR: EXPR}.
        'callguide check' does the rest (references, expression types, flow,
        whether the modules exist).
        Its patterns are portable (no \\p{...} classes): Python's jsonschema,
        JavaScript and ICU read them.
        """

    static func run(_ arguments: [String]) throws(CommandError) -> Int32 {
        let parsed = try ParsedArguments(arguments, command: name, valued: [], flags: [])
        guard parsed.positionals.isEmpty else { throw .usage(command: name, message: "takes no arguments") }
        StandardOutput.print(ScriptSchema.json)
        return 0
    }
}
