import Foundation

/// The store writes its SQL once, with SQLite's `?` placeholders;
/// PostgreSQL wants `$1`, `$2`... This numbers each `?` that stands outside
/// a quoted string, a quoted name or a comment, so the same statement text
/// runs on both. SQL that already uses `$n` (and has no `?`) is unchanged.
enum PlaceholderNumbering {
    static func postgres(_ sql: String) -> String {
        guard sql.contains("?") else { return sql }
        var result = ""
        result.reserveCapacity(sql.utf8.count + 8)
        var number = 0
        var quote: Character?
        var inLineComment = false
        var previous: Character?
        for character in sql {
            if inLineComment {
                if character == "\n" { inLineComment = false }
            } else if let open = quote {
                if character == open { quote = nil }
            } else if character == "'" || character == "\"" {
                quote = character
            } else if character == "-", previous == "-" {
                inLineComment = true
            } else if character == "?" {
                number += 1
                result += "$\(number)"
                previous = character
                continue
            }
            result.append(character)
            previous = character
        }
        return result
    }
}
