/// Makes untrusted text (customer data, script values) safe to print on the
/// operator's terminal.
///
/// A stored or pasted value containing ESC or other control characters could
/// otherwise move the cursor, clear the screen, change the window title or
/// remap keys in the middle of a call. Every control character is replaced
/// by a visible stand-in, so the operator sees that something odd is there.
public enum TerminalText {
    /// Shown in place of a line break when line breaks are not allowed.
    public static let lineBreakMarker = "\u{21B5}"

    /// Returns `text` with no character that a terminal would interpret:
    /// - C0 controls and DEL become caret notation (`^[` for ESC, `^M` for
    ///   CR, `^?` for DEL), which also defuses whole escape sequences since
    ///   their introducer no longer reaches the terminal;
    /// - C1 controls (U+0080–U+009F, including the 8-bit CSI) become U+FFFD;
    /// - a tab becomes one space;
    /// - a line break (LF or CR LF) is kept when `allowNewlines` is true,
    ///   else shown as `lineBreakMarker`.
    public static func sanitize(_ text: String, allowNewlines: Bool = false) -> String {
        var result = String.UnicodeScalarView()
        let scalars = Array(text.unicodeScalars)
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            index += 1
            switch scalar.value {
            case 0x09:
                result.append(" ")
            case 0x0D where index < scalars.count && scalars[index] == "\n":
                continue  // CR LF is one line break, handled with the LF.
            case 0x0A:
                if allowNewlines {
                    result.append("\n")
                } else {
                    result.append(contentsOf: lineBreakMarker.unicodeScalars)
                }
            case 0x00...0x1F:
                result.append("^")
                result.append(Unicode.Scalar(UInt8(scalar.value + 0x40)))
            case 0x7F:
                result.append(contentsOf: "^?".unicodeScalars)
            case 0x80...0x9F:
                result.append("\u{FFFD}")
            default:
                result.append(scalar)
            }
        }
        return String(result)
    }
}
