/// Makes untrusted text (customer data, script values, file names) safe to
/// print on the operator's terminal. This is the one place that decides what
/// a terminal may receive: call sites clean customer data with `sanitize`,
/// and `StandardOutput` passes everything it writes to a terminal through
/// `forTerminal`, so a path that forgot to clean still cannot reach the
/// terminal with a control sequence.
///
/// A stored or pasted value containing ESC or other control characters could
/// otherwise move the cursor, clear the screen, change the window title,
/// write the clipboard (OSC 52) or remap keys in the middle of a call; a
/// bidirectional override or a zero-width character could make a value read
/// differently from what it is (`Trojan Source`). Every such character is
/// replaced by a visible stand-in, so the operator sees that something odd
/// is there.
public enum TerminalText {
    /// Shown in place of a line break when line breaks are not allowed.
    public static let lineBreakMarker = "\u{21B5}"

    /// Shown in place of a C1 control or an invisible formatting character.
    public static let replacement: Unicode.Scalar = "\u{FFFD}"

    /// Returns `text` with no character that a terminal would interpret or
    /// that would be invisible on screen:
    /// - C0 controls and DEL become caret notation (`^[` for ESC, `^M` for
    ///   CR, `^?` for DEL), which also defuses whole escape sequences since
    ///   their introducer no longer reaches the terminal;
    /// - C1 controls (U+0080–U+009F, including the 8-bit CSI) become U+FFFD;
    /// - invisible formatting characters become U+FFFD (see `isInvisible`):
    ///   bidirectional controls and overrides, zero-width characters, the
    ///   byte order mark, soft hyphen, tag characters;
    /// - a tab becomes one space;
    /// - a line break (LF or CR LF) is kept when `allowNewlines` is true,
    ///   else shown as `lineBreakMarker`; so are U+2028 and U+2029, which
    ///   some terminals and editors break lines at.
    public static func sanitize(_ text: String, allowNewlines: Bool = false) -> String {
        var result = String.UnicodeScalarView()
        let scalars = Array(text.unicodeScalars)
        var index = 0
        while index < scalars.count {
            index = appendNeutralized(scalars, at: index, allowNewlines: allowNewlines, to: &result)
        }
        return String(result)
    }

    /// What `StandardOutput` writes to a terminal: `sanitize` with line
    /// breaks kept, except that callguide's own colour and emphasis
    /// sequences (exactly `TerminalStyle.sequences`, Select Graphic
    /// Rendition only: they cannot move the cursor, set the title or touch
    /// the clipboard) pass unchanged.
    public static func forTerminal(_ text: String) -> String {
        // Fast path: most output is plain printable text.
        if !text.unicodeScalars.contains(where: needsAttention) { return text }
        var result = String.UnicodeScalarView()
        let scalars = Array(text.unicodeScalars)
        var index = 0
        while index < scalars.count {
            if scalars[index] == "\u{1B}", let length = styleSequenceLength(scalars, at: index) {
                result.append(contentsOf: scalars[index..<index + length])
                index += length
                continue
            }
            index = appendNeutralized(scalars, at: index, allowNewlines: true, to: &result)
        }
        return String(result)
    }

    /// Characters that change how text reads without being seen: Unicode's
    /// format characters (general category Cf), which are the bidirectional
    /// embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069),
    /// the marks U+200E, U+200F and U+061C, the zero-width space, non-joiner
    /// and joiner (U+200B–U+200D), the word joiner and invisible operators
    /// (U+2060–U+2064), the byte order mark U+FEFF, the soft hyphen U+00AD,
    /// U+180E, the interlinear annotation characters U+FFF9–U+FFFB and the
    /// tag characters U+E0000–U+E007F; plus the Hangul fillers (U+115F,
    /// U+1160, U+3164, U+FFA0), which are letters that render as nothing.
    /// A joined emoji (family, flag with tags) shows its parts separated by
    /// the stand-in: the price of one rule with no exceptions.
    public static func isInvisible(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x115F, 0x1160, 0x3164, 0xFFA0: return true
        default: return scalar.properties.generalCategory == .format
        }
    }

    private static func needsAttention(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
            || scalar.value == 0x2028 || scalar.value == 0x2029
            || (scalar.value >= 0xAD && isInvisible(scalar))
    }

    /// Neutralizes the scalar at `index` (CR LF counts as one), appends the
    /// result, and returns the index of the next scalar to look at.
    private static func appendNeutralized(
        _ scalars: [Unicode.Scalar], at index: Int, allowNewlines: Bool, to result: inout String.UnicodeScalarView
    ) -> Int {
        let scalar = scalars[index]
        let next = index + 1
        switch scalar.value {
        case 0x09:
            result.append(" ")
        case 0x0D where next < scalars.count && scalars[next] == "\n":
            break  // CR LF is one line break, handled with the LF.
        case 0x0A:
            if allowNewlines {
                result.append("\n")
            } else {
                result.append(contentsOf: lineBreakMarker.unicodeScalars)
            }
        case 0x2028, 0x2029:
            result.append(contentsOf: lineBreakMarker.unicodeScalars)
        case 0x00...0x1F:
            result.append("^")
            result.append(Unicode.Scalar(UInt8(scalar.value + 0x40)))
        case 0x7F:
            result.append(contentsOf: "^?".unicodeScalars)
        case 0x80...0x9F:
            result.append(replacement)
        default:
            result.append(isInvisible(scalar) ? replacement : scalar)
        }
        return next
    }

    /// The length of the `TerminalStyle` sequence starting at `index`, or
    /// nil when what starts there is anything else.
    private static func styleSequenceLength(_ scalars: [Unicode.Scalar], at index: Int) -> Int? {
        guard index + 2 < scalars.count, scalars[index + 1] == "[" else { return nil }
        var end = index + 2
        while end < scalars.count, end - index <= 5, ("0"..."9").contains(scalars[end]) { end += 1 }
        guard end < scalars.count, scalars[end] == "m" else { return nil }
        let parameters = String(String.UnicodeScalarView(scalars[(index + 2)..<end]))
        return TerminalStyle.codes.contains(parameters) ? end + 1 - index : nil
    }
}
