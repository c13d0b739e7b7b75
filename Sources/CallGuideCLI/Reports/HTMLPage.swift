/// One self-contained report page (reports.md 3): no network, no script,
/// its style inline, well-formed XHTML. It prints on A4 and Letter alike:
/// the content is no wider than either page less its margins, a table row
/// or a chart is never split across pages, and table headers repeat.
struct HTMLPage {
    var title: String
    /// Lines under the title: the period, the filters, when it was made.
    var notes: [String] = []
    var sections: [Section] = []

    /// A heading and what is under it (tables, charts, sentences), already
    /// HTML: each part escapes its own data.
    struct Section {
        var heading: String
        var id: String
        var body: [String]
    }

    func render() -> String {
        var html = """
            <!DOCTYPE html>
            <html xmlns="http://www.w3.org/1999/xhtml" lang="en">
            <head>
            <meta charset="utf-8" />
            <meta name="viewport" content="width=device-width, initial-scale=1" />
            <title>\(HTMLText.escape(title))</title>
            <style>
            \(Self.style)
            </style>
            </head>
            <body>
            <header>
            <h1>\(HTMLText.escape(title))</h1>

            """
        for note in notes { html += "<p class=\"note\">\(HTMLText.escape(note))</p>\n" }
        html += "</header>\n"
        for section in sections {
            html += "<section id=\"\(HTMLText.escape(section.id))\">\n<h2>\(HTMLText.escape(section.heading))</h2>\n"
            html += section.body.joined()
            html += "</section>\n"
        }
        return html + "</body>\n</html>\n"
    }

    /// A sentence of the page (an empty period, a missing part).
    static func paragraph(_ text: String, className: String? = nil) -> String {
        "<p\(className.map { " class=\"\($0)\"" } ?? "")>\(HTMLText.escape(text))</p>\n"
    }

    /// A chart with its caption; `table` names the table holding its numbers.
    static func figure(_ svg: String, caption: String) -> String {
        "<figure>\n\(svg)<figcaption>\(HTMLText.escape(caption))</figcaption>\n</figure>\n"
    }

    /// Screen and print. Widths in the page's own terms (max 180 mm of
    /// content fits A4's 210 mm and Letter's 216 mm less 15 mm margins);
    /// charts scale with their viewBox; long words wrap rather than
    /// overflow; black text on white, patterns rather than colours alone.
    static let style = """
        :root { color: #111; background: #fff; font-family: "DejaVu Sans", "Helvetica Neue", Arial, sans-serif; font-size: 14px; }
        body { max-width: 60rem; margin: 1.5rem auto; padding: 0 1rem; line-height: 1.4; }
        h1 { font-size: 1.5rem; margin: 0 0 .25rem; }
        h2 { font-size: 1.15rem; margin: 1.75rem 0 .5rem; border-bottom: 1px solid #999; padding-bottom: .15rem; }
        p.note { margin: 0; color: #444; }
        table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; font-variant-numeric: tabular-nums; }
        caption { text-align: left; font-weight: bold; padding: .25rem 0; }
        th, td { border-bottom: 1px solid #ccc; padding: .2rem .35rem; text-align: left; vertical-align: bottom; overflow-wrap: break-word; }
        thead th { border-bottom: 2px solid #333; font-size: .85rem; }
        tbody th { font-weight: normal; min-width: 5em; }
        .num { text-align: right; }
        td.num { white-space: nowrap; }
        table.wide { font-size: .8rem; }
        table.wide th, table.wide td { padding: .2rem .25rem; }
        p.key { font-size: .8rem; color: #333; margin-top: -.5rem; }
        figure { margin: .5rem 0 1rem; }
        figure svg { width: 100%; height: auto; max-width: 44rem; display: block; }
        figcaption { font-size: .9rem; color: #333; }
        svg text { font-family: inherit; fill: #111; }
        @page { margin: 15mm; }
        @media print {
          :root { font-size: 10pt; }
          body { max-width: 180mm; margin: 0; padding: 0; }
          h2 { break-after: avoid; page-break-after: avoid; }
          thead { display: table-header-group; }
          tr, figure, svg { break-inside: avoid; page-break-inside: avoid; }
          figure svg { max-width: 100%; }
          section { break-inside: auto; }
        }
        """
}
