import CallGuide

/// `check --format json`: one object with every diagnostic, for editors and CI.
enum CheckReportJSON {
    static func render(_ reports: [(file: SourceFile, diagnostics: [Diagnostic])]) -> String {
        var items: [String] = []
        for report in reports {
            for d in report.diagnostics {
                var fields = [
                    "\"file\":\(quote(report.file.path))",
                    "\"line\":\(d.location.line)",
                    "\"column\":\(d.location.column)",
                    "\"severity\":\(quote(d.severity.rawValue))",
                    "\"code\":\(quote(d.code.rawValue))",
                    "\"message\":\(quote(d.message))",
                ]
                if let hint = d.hint { fields.append("\"hint\":\(quote(hint))") }
                items.append("{" + fields.joined(separator: ",") + "}")
            }
        }
        let all = reports.flatMap(\.diagnostics)
        let errors = all.filter { $0.severity == .error }.count
        return "{\"diagnostics\":[\(items.joined(separator: ","))],\"errors\":\(errors),\"warnings\":\(all.count - errors)}"
    }

    static func quote(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            default:
                if scalar.value < 0x20 {
                    result += "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count) + String(scalar.value, radix: 16)
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }
}
