import CallGuideCLI
import Foundation

// A closed pipe (`callguide ... | head`) must not kill a call before it is
// stored: writes then fail with EPIPE instead, and the call goes on.
signal(SIGPIPE, SIG_IGN)

// The executable is a thin shell: every command lives in CallGuideCLI.
exit(CommandLineTool.main(arguments: Array(CommandLine.arguments.dropFirst())))
