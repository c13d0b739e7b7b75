/// A report's table as HTML: a header row that repeats on every printed
/// page (`thead`), rows that are never split across pages (CSS), numbers
/// aligned right. Cells are plain text, escaped here.
struct HTMLTable {
    var caption: String?
    var headers: [String]
    var rows: [[String]] = []
    /// Columns of numbers (aligned right, tabular figures).
    var numeric: Set<Int> = []
    /// An id for the table, so a chart's figure can point at its numbers.
    var id: String?

    func render() -> String {
        // A table of many columns gets a smaller type, so it fits a page.
        var html = "<table" + (id.map { " id=\"\(HTMLText.escape($0))\"" } ?? "") + (headers.count > 8 ? " class=\"wide\"" : "") + ">\n"
        if let caption { html += "<caption>\(HTMLText.escape(caption))</caption>\n" }
        html += "<thead><tr>" + headers.enumerated().map { index, header in
            "<th scope=\"col\"\(numeric.contains(index) ? " class=\"num\"" : "")>\(HTMLText.escape(header))</th>"
        }.joined() + "</tr></thead>\n<tbody>\n"
        for row in rows {
            html += "<tr>" + row.enumerated().map { index, cell in
                index == 0 ? "<th scope=\"row\">\(HTMLText.escape(cell))</th>"
                    : "<td\(numeric.contains(index) ? " class=\"num\"" : "")>\(HTMLText.escape(cell))</td>"
            }.joined() + "</tr>\n"
        }
        return html + "</tbody>\n</table>\n"
    }
}
