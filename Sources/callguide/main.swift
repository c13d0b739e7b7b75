import CallGuideCLI
import Foundation

// TEMPORARY (branch `term`): hidden entry point for the line-reader tests;
// the lead wires `__line-echo` into CommandLineTool.
if CommandLine.arguments.dropFirst().first == "__line-echo" {
    exit(LineEcho.run())
}

// The executable is a thin shell: every command lives in CallGuideCLI.
exit(CommandLineTool.main(arguments: Array(CommandLine.arguments.dropFirst())))
