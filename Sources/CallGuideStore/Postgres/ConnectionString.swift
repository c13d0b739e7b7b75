import Foundation

/// A libpq connection string read the way libpq reads it, far enough for
/// callguide to know where it connects, what it already sets and where a
/// password sits. callguide never rebuilds the string: libpq reads the
/// user's own text (every parameter it knows, `~/.pgpass`, `PG*`), and
/// callguide only appends defaults the user left out or masks a password
/// in what it prints.
struct ConnectionString: Equatable, Sendable {
    enum Form: Equatable, Sendable {
        /// `postgresql://user:password@host:port/dbname?key=value`
        case uri
        /// `host=... dbname=... password='...'`
        case keywordValue
    }

    /// One `key=value` setting and where its value is in `text` (so a
    /// password can be masked in place).
    struct Parameter: Equatable, Sendable {
        var key: String
        var value: String
        var valueRange: Range<String.Index>
    }

    let text: String
    let form: Form
    /// The settings in the order written. A URI's user, password and host
    /// list appear here as `user`, `password` and `host`, before its query
    /// parameters, because libpq lets a query parameter override them.
    let parameters: [Parameter]
    /// False when the text stopped making sense to the reader (a missing
    /// `=`, an open quote): libpq will refuse it, and everything after
    /// `readUpTo` is treated as secret when printing.
    let isWellFormed: Bool
    let readUpTo: String.Index

    static let uriPrefixes = ["postgresql://", "postgres://"]

    /// True for a location that names PostgreSQL (store.md section 1):
    /// anything else is a SQLite path.
    static func isPostgresURI(_ location: String) -> Bool {
        uriPrefixes.contains { location.hasPrefix($0) }
    }

    init(_ text: String) {
        self.text = text
        if let prefix = Self.uriPrefixes.first(where: { text.hasPrefix($0) }) {
            form = .uri
            (parameters, isWellFormed, readUpTo) = Self.readURI(text, after: text.index(text.startIndex, offsetBy: prefix.count))
        } else {
            form = .keywordValue
            (parameters, isWellFormed, readUpTo) = Self.readKeywordValue(text)
        }
    }

    /// The last value given for `key` (libpq keeps the last one).
    func value(_ key: String) -> String? {
        parameters.last { $0.key == key }?.value
    }

    /// The text with `key=value` added, in the string's own syntax.
    func appending(_ key: String, _ value: String) -> String {
        switch form {
        case .uri:
            let separator = text.hasSuffix("?") || text.hasSuffix("&") ? "" : (text.contains("?") ? "&" : "?")
            return text + separator + key + "=" + value
        case .keywordValue:
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            return (trimmed.isEmpty ? "" : trimmed + " ") + key + "=" + value
        }
    }

    // MARK: - URI

    /// Reads `[user[:password]@][host[:port][,...]][/dbname][?key=value&...]`.
    /// The user information ends at the LAST `@` before the query: libpq
    /// wants `@` and `/` in a password percent-encoded, but someone who
    /// forgot must still not see the password printed.
    private static func readURI(_ text: String, after start: String.Index)
        -> ([Parameter], Bool, String.Index)
    {
        var parameters: [Parameter] = []
        let queryStart = text[start...].firstIndex(of: "?") ?? text.endIndex
        var hostStart = start
        if let at = text[start..<queryStart].lastIndex(of: "@") {
            let userInfo = start..<at
            if let colon = text[userInfo].firstIndex(of: ":") {
                parameters.append(Parameter(key: "user", value: percentDecoded(text[start..<colon]), valueRange: start..<colon))
                let passwordStart = text.index(after: colon)
                parameters.append(Parameter(key: "password", value: percentDecoded(text[passwordStart..<at]), valueRange: passwordStart..<at))
            } else {
                parameters.append(Parameter(key: "user", value: percentDecoded(text[userInfo]), valueRange: userInfo))
            }
            hostStart = text.index(after: at)
        }
        let hostEnd = text[hostStart..<queryStart].firstIndex(of: "/") ?? queryStart
        let hostList = hostStart..<hostEnd
        if !hostList.isEmpty {
            let hosts = splitHostList(String(text[hostList])).joined(separator: ",")
            parameters.append(Parameter(key: "host", value: hosts, valueRange: hostList))
        }
        if hostEnd < queryStart {
            let nameStart = text.index(after: hostEnd)
            if nameStart < queryStart {
                parameters.append(Parameter(key: "dbname", value: percentDecoded(text[nameStart..<queryStart]), valueRange: nameStart..<queryStart))
            }
        }
        guard queryStart < text.endIndex else { return (parameters, true, text.endIndex) }
        var position = text.index(after: queryStart)
        while position < text.endIndex {
            let end = text[position...].firstIndex(of: "&") ?? text.endIndex
            let pair = position..<end
            if !pair.isEmpty {
                if let equals = text[pair].firstIndex(of: "=") {
                    let valueStart = text.index(after: equals)
                    parameters.append(Parameter(
                        key: percentDecoded(text[position..<equals]), value: percentDecoded(text[valueStart..<end]),
                        valueRange: valueStart..<end))
                } else {
                    // libpq refuses a parameter without `=`; hide the rest.
                    return (parameters, false, position)
                }
            }
            position = end < text.endIndex ? text.index(after: end) : end
        }
        return (parameters, true, text.endIndex)
    }

    /// `h1:5432,[::1]:5433,%2Ftmp` -> the host names alone, decoded.
    private static func splitHostList(_ list: String) -> [String] {
        list.split(separator: ",", omittingEmptySubsequences: false).map { spec in
            var host = Substring(spec)
            if host.hasPrefix("["), let close = host.firstIndex(of: "]") {
                host = host[host.index(after: host.startIndex)..<close]
            } else if let colon = host.firstIndex(of: ":") {
                host = host[..<colon]
            }
            return percentDecoded(host)
        }
    }

    private static func percentDecoded(_ text: Substring) -> String {
        String(text).removingPercentEncoding ?? String(text)
    }

    // MARK: - key=value

    /// Reads libpq's `key = value` form: values may be single-quoted, and
    /// a backslash escapes the next character, quoted or not.
    private static func readKeywordValue(_ text: String) -> ([Parameter], Bool, String.Index) {
        var parameters: [Parameter] = []
        var position = text.startIndex
        func skipSpaces() {
            while position < text.endIndex, text[position].isWhitespace { position = text.index(after: position) }
        }
        while true {
            skipSpaces()
            guard position < text.endIndex else { return (parameters, true, text.endIndex) }
            let entryStart = position
            while position < text.endIndex, !text[position].isWhitespace, text[position] != "=" {
                position = text.index(after: position)
            }
            let key = String(text[entryStart..<position])
            skipSpaces()
            guard position < text.endIndex, text[position] == "=" else { return (parameters, false, entryStart) }
            position = text.index(after: position)
            skipSpaces()
            var value = ""
            let valueStart = position
            if position < text.endIndex, text[position] == "'" {
                position = text.index(after: position)
                var closed = false
                while position < text.endIndex {
                    let character = text[position]
                    if character == "\\" {
                        position = text.index(after: position)
                        if position < text.endIndex { value.append(text[position]); position = text.index(after: position) }
                    } else if character == "'" {
                        position = text.index(after: position)
                        closed = true
                        break
                    } else {
                        value.append(character)
                        position = text.index(after: position)
                    }
                }
                guard closed else { return (parameters, false, valueStart) }
            } else {
                while position < text.endIndex, !text[position].isWhitespace {
                    if text[position] == "\\" {
                        position = text.index(after: position)
                        guard position < text.endIndex else { break }
                    }
                    value.append(text[position])
                    position = text.index(after: position)
                }
            }
            parameters.append(Parameter(key: key, value: value, valueRange: valueStart..<position))
        }
    }
}
