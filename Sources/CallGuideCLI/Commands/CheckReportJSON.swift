import CallGuide
import Foundation

/// `check --format json`: one object with every diagnostic, for editors and CI.
enum CheckReportJSON {
    static func render(_ reports: [(file: SourceFile, diagnostics: [Diagnostic])]) -> String {
        var items: [JSONValue] = []
        for report in reports {
            for d in report.diagnostics {
                var fields: [(String, JSONValue)] = [
                    ("file", .string(report.file.path)),
                    ("line", .number(Decimal(d.location.line))),
                    ("column", .number(Decimal(d.location.column))),
                    ("severity", .string(d.severity.rawValue)),
                    ("code", .string(d.code.rawValue)),
                    ("message", .string(d.message)),
                ]
                if let hint = d.hint { fields.append(("hint", .string(hint))) }
                items.append(.object(fields))
            }
        }
        let all = reports.flatMap(\.diagnostics)
        let errors = all.filter { $0.severity == .error }.count
        return JSONWriter.serialize(.object([
            ("diagnostics", .array(items)),
            ("errors", .number(Decimal(errors))),
            ("warnings", .number(Decimal(all.count - errors))),
        ]))
    }
}
