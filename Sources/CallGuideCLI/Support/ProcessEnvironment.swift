import Foundation

/// The process's environment variables (`NO_COLOR`, `CALLGUIDE_DB`,
/// `CALLGUIDE_OPERATOR`...), read in one place.
enum ProcessEnvironment {
    static func value(_ name: String) -> String? {
        ProcessInfo.processInfo.environment[name]
    }
}
