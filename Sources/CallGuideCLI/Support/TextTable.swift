/// Aligned columns for people; CSV (RFC 4180) and JSON are for programs.
struct TextTable {
    var headers: [String]
    var rows: [[String]] = []
    /// Columns aligned to the right (numbers).
    var rightAligned: Set<Int> = []

    func render() -> String {
        let widths = columnWidths()
        return ([line(headers, widths), line(widths.map { String(repeating: "-", count: $0) }, widths)]
            + rows.map { line($0, widths) }).joined(separator: "\n")
    }

    /// The widest cell of each column, headers included.
    func columnWidths() -> [Int] {
        var widths = headers.map(\.count)
        for row in rows {
            for (i, cell) in row.enumerated() where i < widths.count { widths[i] = max(widths[i], cell.count) }
        }
        return widths
    }

    func line(_ cells: [String], _ widths: [Int]) -> String {
        cells.enumerated().map { i, cell in
            let pad = String(repeating: " ", count: max(0, (i < widths.count ? widths[i] : 0) - cell.count))
            return rightAligned.contains(i) ? pad + cell : cell + pad
        }.joined(separator: "  ").trimmingTrailingSpaces()
    }
}

/// A table too long to hold (a million calls): the first `sample` rows are
/// held to size the columns, as `TextTable` sizes them, then every row is
/// written as it comes; a later cell wider than its column pushes the rest
/// of its line right. A table of up to `sample` rows is `TextTable`'s.
struct StreamedTable {
    static let sample = 1_000
    private var table: TextTable
    private var widths: [Int]?
    private let write: (String) -> Void

    init(headers: [String], rightAligned: Set<Int>, write: @escaping (String) -> Void) {
        table = TextTable(headers: headers, rightAligned: rightAligned)
        self.write = write
    }

    /// Whether any row was added.
    var isEmpty: Bool { widths == nil && table.rows.isEmpty }

    mutating func add(_ row: [String]) {
        if let widths {
            write(table.line(row, widths) + "\n")
            return
        }
        table.rows.append(row)
        if table.rows.count >= Self.sample { writeSample() }
    }

    /// Writes what is held (at the end, or once the sample is full).
    mutating func finish() {
        if widths == nil { writeSample() }
    }

    private mutating func writeSample() {
        let widths = table.columnWidths()
        self.widths = widths
        write(table.render() + "\n")
        table.rows = []
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var s = self
        while s.last == " " { s.removeLast() }
        return s
    }
}
