/// One problem found in a script, in the shape compilers use so editors and
/// CI systems can jump to it: `FILE:LINE:COL: error: MESSAGE [CODE]`.
public struct Diagnostic: Hashable, Sendable {
    public enum Severity: String, Sendable, Hashable {
        case error
        case warning
    }

    public var code: DiagnosticCode
    public var message: String
    public var location: SourceLocation
    /// A fix-it suggestion shown under the caret, e.g. "did you mean 'budget'?".
    public var hint: String?
    /// How many characters the problem spans from `location` (the token
    /// under the caret, shown `^~~~`), when the checker knows it; nil lets
    /// the renderer find the token in the source line.
    public var length: Int?

    public var severity: Severity { code.severity }

    public init(_ code: DiagnosticCode, _ message: String, at location: SourceLocation, length: Int? = nil, hint: String? = nil) {
        self.code = code
        self.message = message
        self.location = location
        self.length = length
        self.hint = hint
    }
}

/// The catalogue of checker codes (script language, section 8). `E` codes
/// are hard errors that stop `run` and `replay`; `W` codes are warnings.
public enum DiagnosticCode: String, Sendable, Hashable, CaseIterable, Comparable {
    case E001, E002, E003, E004, E005, E006, E007, E008, E009, E010
    case E011, E012, E013, E014, E015, E016
    case E017, E018, E019, E020, E021, E022
    case W101, W102, W103, W104, W105, W106, W107, W108, W109, W110
    case W111
    case W114, W115

    public var severity: Diagnostic.Severity {
        rawValue.hasPrefix("E") ? .error : .warning
    }

    public static func < (a: DiagnosticCode, b: DiagnosticCode) -> Bool { a.rawValue < b.rawValue }
}
