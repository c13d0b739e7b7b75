import Foundation

/// One record of a CSV file, with the line it starts on (1-based), so an
/// import can name its bad rows.
public struct CSVRecord: Equatable, Sendable {
    public var line: Int
    public var fields: [String]

    public init(line: Int, fields: [String]) {
        self.line = line
        self.fields = fields
    }
}

/// A CSV syntax error: where it is and what is wrong.
public struct CSVError: Error, Equatable, Sendable, CustomStringConvertible {
    public var line: Int
    public var message: String

    public init(line: Int, message: String) {
        self.line = line
        self.message = message
    }

    public var description: String { "line \(line): \(message)" }
}

/// RFC 4180 CSV: fields separated by commas, records by CRLF (LF alone is
/// accepted), fields in double quotes may hold commas, line breaks and
/// doubled quotes. A leading byte-order mark (as spreadsheets write) is
/// skipped; blank lines are skipped.
public enum CSV {
    public static func read(_ text: String) throws(CSVError) -> [CSVRecord] {
        var records: [CSVRecord] = []
        var fields: [String] = []
        var field = String.UnicodeScalarView()
        var line = 1
        var recordLine = 1
        var inQuotes = false
        var quotedField = false
        var afterQuote = false
        var scalars = Array(text.unicodeScalars)
        if scalars.first == "\u{FEFF}" { scalars.removeFirst() }
        var i = 0

        func endField() {
            fields.append(String(field))
            field = String.UnicodeScalarView()
            quotedField = false
            afterQuote = false
        }
        func endRecord() {
            let wasQuoted = quotedField
            endField()
            if !(fields.count == 1 && fields[0].isEmpty && !wasQuoted) { records.append(CSVRecord(line: recordLine, fields: fields)) }
            fields = []
        }

        while i < scalars.count {
            let c = scalars[i]
            if inQuotes {
                if c == "\"" {
                    if i + 1 < scalars.count, scalars[i + 1] == "\"" {
                        field.append("\"")
                        i += 2
                        continue
                    }
                    inQuotes = false
                    afterQuote = true
                } else {
                    if c == "\n" { line += 1 }
                    field.append(c)
                }
                i += 1
                continue
            }
            switch c {
            case ",":
                endField()
            case "\r", "\n":
                if c == "\r", i + 1 < scalars.count, scalars[i + 1] == "\n" { i += 1 }
                endRecord()
                line += 1
                recordLine = line
            case "\"":
                guard field.isEmpty, !afterQuote else {
                    throw CSVError(line: line, message: "a quote inside a field that does not start with one")
                }
                inQuotes = true
                quotedField = true
            default:
                if afterQuote {
                    throw CSVError(line: line, message: "text after the closing quote of a field")
                }
                field.append(c)
            }
            i += 1
        }
        if inQuotes { throw CSVError(line: recordLine, message: "a quoted field is never closed") }
        if !field.isEmpty || !fields.isEmpty || quotedField { endRecord() }
        return records
    }

    /// Writes records with CRLF line ends, quoting only fields that need it.
    /// Every cell is neutralized first (`neutralize`): each CSV the tool
    /// writes goes through here, so none can carry a spreadsheet formula.
    public static func write(_ rows: [[String]]) -> String {
        rows.map { $0.map { quote(neutralize($0)) }.joined(separator: ",") + "\r\n" }.joined()
    }

    /// The characters a spreadsheet reads as the start of a formula
    /// (store.md 6): `=`, `+`, `-`, `@`, a tab, a carriage return.
    static let formulaStarts: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r"]

    /// A cell as written to a CSV file: one that a spreadsheet would run as
    /// a formula gets a leading `'`, unless it is a number (`-12.5`) or a
    /// phone (`+7 (900) 123-45-67`), which stay as they are. A cell that
    /// already begins with `'` before one of those characters gets one more,
    /// so `unneutralize` gives back exactly what was there.
    public static func neutralize(_ cell: String) -> String {
        guard let first = cell.unicodeScalars.first else { return cell }
        if formulaStarts.contains(first) {
            return isNumberOrPhone(cell) ? cell : "'" + cell
        }
        if first == "'", cell.unicodeScalars.dropFirst().first.map(formulaStarts.contains) == true {
            return "'" + cell
        }
        return cell
    }

    /// A cell as read by `card import`: one `'` before a formula character
    /// (or before a `'` and a formula character, which `neutralize` wrote
    /// for a text that began so) is taken away again, so an export imports
    /// back unchanged.
    public static func unneutralize(_ cell: String) -> String {
        let scalars = cell.unicodeScalars
        guard scalars.first == "'", let second = scalars.dropFirst().first else { return cell }
        let marked = formulaStarts.contains(second)
            || (second == "'" && scalars.dropFirst(2).first.map(formulaStarts.contains) == true)
        return marked ? String(String.UnicodeScalarView(scalars.dropFirst())) : cell
    }

    /// A number (`-12`, `+3.5`, `-1e3`) or a phone: `+` and digits with
    /// spaces, `-`, `(`, `)`, at least one digit.
    static func isNumberOrPhone(_ cell: String) -> Bool {
        if cell.range(of: #"^[-+]?([0-9]+([.,][0-9]*)?|[.,][0-9]+)([eE][-+]?[0-9]+)?$"#, options: .regularExpression) != nil {
            return true
        }
        return cell.range(of: #"^\+?[-0-9 ()]*[0-9][-0-9 ()]*$"#, options: .regularExpression) != nil
    }

    static func quote(_ field: String) -> String {
        let needsQuotes = field.unicodeScalars.contains { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" }
            || field.hasPrefix(" ") || field.hasSuffix(" ")
        guard needsQuotes else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
