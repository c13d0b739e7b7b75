import CallGuide

/// `callguide check SCRIPT... [--strict] [--format text|json]`: the
/// trainers' checker (script language, section 8).
enum CheckCommand: Command {
    static let name = "check"
    static let summary = "check scripts and report problems as file:line:col diagnostics"
    static let help = """
        Usage: callguide check SCRIPT... [--strict] [--format text|json]

        Checks call scripts and reports every problem found, in the format
        compilers use: FILE:LINE:COL: error: MESSAGE [CODE], the source line,
        the token at the column underlined (^~~~) and a hint. One mistake gives
        one diagnostic: what follows from a reported error is not reported
        again. Docs/diagnostics.md lists every code.
        A script whose tasks or transfers name other scripts (script: ID) is
        checked against the workspace's scripts (its scripts/ folder and the
        workspace folder): an id none of them has is warning W108.

        Options:
          --strict         warnings fail the check too (exit 1)
          --format FORMAT  text (default) or json

        Exit status: 0 clean (warnings allowed), 1 errors (or warnings with
        --strict), 2 a path that cannot be read or bad arguments.
        """

    static func run(_ arguments: [String]) throws(CommandError) -> Int32 {
        let parsed = try ParsedArguments(arguments, command: name, valued: ["format"], flags: ["strict"])
        let format = try parsed.choice("format", among: ["text", "json"], default: "text")
        guard !parsed.positionals.isEmpty else {
            throw .usage(command: name, message: "name at least one script to check")
        }
        // Read every path first: an unreadable path is a usage problem (exit 2).
        var files: [SourceFile] = []
        for path in parsed.positionals { files.append(try SourceFile.read(path)) }

        var reports: [(file: SourceFile, diagnostics: [Diagnostic])] = []
        var configurationReports: [String: (SourceFile, [Diagnostic])] = [:]
        // One library for the whole check: a module shared by many scripts
        // is read, checked and reported once (script language 9.1).
        var libraries: [String: ModuleLibrary] = [:]
        var shownModules = Set<String>()
        for file in files {
            let key = ModuleFiles.canonicalPath(file.path)
            // A file already reported as a module of an earlier script.
            if shownModules.contains(key) { continue }
            let workspace = Workspace.of(script: file.path)
            let (configuration, configurationFile, configurationDiagnostics) = try workspace.loadConfiguration()
            if let configurationFile, !configurationDiagnostics.isEmpty {
                configurationReports[configurationFile.path] = (configurationFile, configurationDiagnostics)
            }
            let library = libraries[workspace.root] ?? ModuleFiles.library(configuration: configuration)
            libraries[workspace.root] = library
            var result = library.load(file.bytes, path: file.path)
            if let script = result.script, !script.scriptReferences.isEmpty {
                // W108 needs the workspace's script ids; read them only for
                // a script that names other scripts.
                var known = configuration ?? WorkspaceConfiguration()
                known.knownScriptIDs = Set(WorkspaceScripts.load(workspace, configuration: configuration).scripts.map(\.id))
                result = library.load(file.bytes, path: file.path, configuration: known)
            }
            reports += ModuleFiles.reports(library, skipping: &shownModules)
            shownModules.insert(key)
            reports.append((file, result.diagnostics))
        }
        let allReports = configurationReports.values.sorted { $0.0.path < $1.0.path }.map { (file: $0.0, diagnostics: $0.1) } + reports

        let all = allReports.flatMap(\.diagnostics)
        let errors = all.filter { $0.severity == .error }.count
        let warnings = all.count - errors
        if format == "json" {
            StandardOutput.print(CheckReportJSON.render(allReports))
        } else {
            let renderer = DiagnosticRenderer(style: .detect(fd: 1))
            for report in allReports {
                for diagnostic in report.diagnostics {
                    StandardOutput.print(renderer.render(diagnostic, in: report.file))
                }
            }
            let checked = files.count == 1 ? "1 script" : "\(files.count) scripts"
            StandardOutput.print("\(checked) checked: \(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")")
        }
        if errors > 0 || (parsed.flag("strict") && warnings > 0) { return 1 }
        return 0
    }
}
