import CallGuide
import Foundation

/// A script ready to run: read, loaded with its workspace configuration, and
/// free of errors. Warnings are shown on stderr; errors stop the command
/// with exit 2, as `run`, `resume`, `replay` and `graph` require.
struct LoadedScript {
    let file: SourceFile
    let script: Script
    let workspace: Workspace
    let configuration: WorkspaceConfiguration?
    let sha256: String

    static func load(_ path: String, showWarnings: Bool = true) throws(CommandError) -> LoadedScript {
        let file = try SourceFile.read(path)
        let workspace = Workspace.of(script: path)
        let (configuration, configurationFile, configurationDiagnostics) = try workspace.loadConfiguration()
        let renderer = DiagnosticRenderer(style: .detect(fd: 2))
        if let configurationFile, configurationDiagnostics.contains(where: { $0.severity == .error }) {
            for diagnostic in configurationDiagnostics { StandardOutput.error(renderer.render(diagnostic, in: configurationFile)) }
            throw .unusableInput("\(configurationFile.path) has errors; fix them first")
        }
        let library = ModuleFiles.library(configuration: configuration)
        let result = library.load(file.bytes, path: path)
        var shown = Set<String>()
        let moduleReports = ModuleFiles.reports(library, skipping: &shown)
        guard let script = result.checked else {
            for report in moduleReports {
                for diagnostic in report.diagnostics where diagnostic.severity == .error { StandardOutput.error(renderer.render(diagnostic, in: report.file)) }
            }
            for diagnostic in result.diagnostics { StandardOutput.error(renderer.render(diagnostic, in: file)) }
            let count = result.errors.count
            throw .unusableInput("\(path) has \(count) error\(count == 1 ? "" : "s"); run 'callguide check \(path)' after fixing")
        }
        if showWarnings {
            for report in moduleReports {
                for diagnostic in report.diagnostics { StandardOutput.error(renderer.render(diagnostic, in: report.file)) }
            }
            for diagnostic in result.warnings { StandardOutput.error(renderer.render(diagnostic, in: file)) }
        }
        return LoadedScript(file: file, script: script, workspace: workspace, configuration: configuration,
                            sha256: ScriptFingerprint.sha256(script: SHA256.hex(file.bytes), modules: script.modules))
    }
}
