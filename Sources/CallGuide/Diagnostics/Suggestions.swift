/// "Did you mean" suggestions for misspelt names, keys and options.
public enum Suggestions {
    /// The candidate closest to `name` by edit distance (Damerau-Levenshtein,
    /// optimal string alignment; case-insensitive), if it is close enough to
    /// be a plausible typo: at most max(1, length / 3) edits, where length
    /// is the length of `name`. Ties go to the earlier candidate.
    public static func closest(to name: String, among candidates: [String]) -> String? {
        let target = Array(name.lowercased())
        let limit = max(1, target.count / 3)
        var best: (candidate: String, distance: Int)?
        for candidate in candidates {
            // Lengths first: most candidates are too long or too short, and
            // lower-casing each into an array cost a hostile script (5,000
            // unknown names against 5,000 nodes) seconds.
            guard abs(candidate.count - target.count) <= limit else { continue }
            let other = Array(candidate.lowercased())
            guard abs(other.count - target.count) <= limit else { continue }
            let d = distance(target, other)
            if d <= limit, d < (best?.distance ?? Int.max) {
                best = (candidate, d)
            }
        }
        return best?.candidate
    }

    /// A hint sentence for a suggestion, e.g. "did you mean 'budget'?".
    public static func hint(for name: String, among candidates: [String]) -> String? {
        closest(to: name, among: candidates).map { "did you mean '\($0)'?" }
    }

    /// Optimal string alignment distance: insertions, deletions,
    /// substitutions and transpositions of neighbours each cost one.
    public static func distance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previousRow = [Int](repeating: 0, count: b.count + 1)
        var row = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var value = min(row[j] + 1, current[j - 1] + 1, row[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    value = min(value, previousRow[j - 2] + 1)
                }
                current[j] = value
            }
            previousRow = row
            row = current
        }
        return row[b.count]
    }
}
