/// Text from the data (client names, answers, operator names, outcomes)
/// made safe to put into an HTML page or SVG (reports.md 3: a client's name
/// cannot inject markup). Every character that means something in markup is
/// written as an entity, and characters XML forbids (control characters,
/// lone surrogates cannot occur in Swift strings) become U+FFFD, so the page
/// stays well-formed XHTML: a browser and an XML parser read the same text.
enum HTMLText {
    /// For element content and attribute values alike (quotes included).
    static func escape(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            case "\t", "\n", "\r": result.unicodeScalars.append(scalar)
            default:
                let value = scalar.value
                // XML 1.0 allows no C0 controls but tab, LF, CR; DEL and C1
                // controls are allowed but can only mislead in a report.
                if value < 0x20 || (0x7F...0x9F).contains(value) || value == 0xFFFE || value == 0xFFFF {
                    result += "\u{FFFD}"
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result
    }

    /// A number for SVG geometry: at most two decimals, no exponent, no `-0`.
    static func coordinate(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        let rounded = (value * 100).rounded() / 100
        if rounded == rounded.rounded() { return String(Int(rounded)) }
        var text = String(format: "%.2f", rounded)
        while text.hasSuffix("0") { text.removeLast() }
        return text == "-0" ? "0" : text
    }
}
