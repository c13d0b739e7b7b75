import Foundation

/// Names and times a new call gets: its id, the operator, the local date.
enum CallIdentity {
    /// A sortable call id unique across a centre (store.md 1), since `sync`
    /// from many machines stores calls by it: the UTC start time and 64
    /// random bits, `20261123-071500-3f9c2a0b1d4e5f67`.
    static func newCallID(at date: Date = Date()) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd-HHmmss"
        let random = String(UInt64.random(in: .min ... .max), radix: 16)
        return "\(formatter.string(from: date))-\(String(repeating: "0", count: 16 - random.count))\(random)"
    }

    /// The local date, `YYYY-MM-DD`: what `today()` returns in the call.
    static func localDate(_ date: Date = Date()) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "yyyy-MM-dd"
        return formatter.string(from: date)
    }

    /// The local time to the minute, `YYYY-MM-DDTHH:MM`: the call's `now`
    /// (`now()` in scripts), written in its `start` event.
    static func localDateTime(_ date: Date = Date()) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "yyyy-MM-dd'T'HH:mm"
        return formatter.string(from: date)
    }

    /// `--operator`, else `$CALLGUIDE_OPERATOR`, else the login name.
    static func operatorName(option: String?) -> String {
        if let option, !option.isEmpty { return option }
        if let name = ProcessEnvironment.value("CALLGUIDE_OPERATOR"), !name.isEmpty { return name }
        if let name = ProcessEnvironment.value("USER"), !name.isEmpty { return name }
        if let pw = getpwuid(getuid()), let name = pw.pointee.pw_name { return String(cString: name) }
        return "operator"
    }

    /// `transcripts/YYYY-MM-DD/CALLID.jsonl` under the workspace.
    static func transcriptPath(workspace: String, date: String, callID: String) -> String {
        URL(fileURLWithPath: workspace).appendingPathComponent("transcripts").appendingPathComponent(date)
            .appendingPathComponent("\(callID).jsonl").path
    }
}
