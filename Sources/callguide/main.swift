import CallGuideCLI
import Foundation

// The executable is a thin shell: every command lives in CallGuideCLI.
exit(CommandLineTool.main(arguments: Array(CommandLine.arguments.dropFirst())))
