/// What every chart of a report page shares: a fixed drawing area whose
/// plot rectangle is drawn (`class="plot"`) so the numbers can be read back
/// from the picture (tests do), fills that differ in pattern as well as in
/// shade (no series told apart by colour alone: reports.md 3), a legend
/// naming each fill, and a `<title>` on every mark saying its figure and
/// the counts it comes from (a screen reader reads it, a mouse shows it).
struct SVGCanvas {
    /// The chart's id; pattern ids are prefixed with it, so several charts
    /// on one page do not share (or clash over) definitions.
    let id: String
    let width: Double = 640
    let height: Double
    let plotX: Double = 56
    let plotY: Double
    let plotWidth: Double
    let plotHeight: Double

    /// `topMargin` leaves room for a legend (none: 6).
    init(id: String, height: Double = 270, topMargin: Double = 34, rightMargin: Double = 16, bottomMargin: Double = 48) {
        self.id = id
        self.height = height
        plotY = topMargin
        plotWidth = 640 - 56 - rightMargin
        plotHeight = height - topMargin - bottomMargin
    }

    var plotBottom: Double { plotY + plotHeight }

    /// The fill of series `index`: solid, hatched, dotted, cross-hatched.
    func fill(_ index: Int) -> String {
        switch index % 4 {
        case 0: return "#2d5f8b"
        case 1: return "url(#\(id)-hatch)"
        case 2: return "url(#\(id)-dots)"
        default: return "url(#\(id)-cross)"
        }
    }

    func open(label: String) -> String {
        let c = HTMLText.coordinate
        return """
            <svg xmlns="http://www.w3.org/2000/svg" id="\(HTMLText.escape(id))" viewBox="0 0 \(c(width)) \(c(height))" \
            width="\(c(width))" height="\(c(height))" role="img" aria-label="\(HTMLText.escape(label))">
            <defs>
            <pattern id="\(HTMLText.escape(id))-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">\
            <rect width="6" height="6" fill="#fde3c8"/><line x1="0" y1="0" x2="0" y2="6" stroke="#8a4b0f" stroke-width="2.2"/></pattern>
            <pattern id="\(HTMLText.escape(id))-dots" width="5" height="5" patternUnits="userSpaceOnUse">\
            <rect width="5" height="5" fill="#e4e4e4"/><circle cx="2.5" cy="2.5" r="1.2" fill="#333"/></pattern>
            <pattern id="\(HTMLText.escape(id))-cross" width="7" height="7" patternUnits="userSpaceOnUse">\
            <rect width="7" height="7" fill="#fff"/><path d="M0 0L7 7M7 0L0 7" stroke="#333" stroke-width="1"/></pattern>
            </defs>
            <rect class="plot" x="\(c(plotX))" y="\(c(plotY))" width="\(c(plotWidth))" height="\(c(plotHeight))" fill="#fff" stroke="#bbb" stroke-width="0.5"/>

            """
    }

    /// A legend across the top: one swatch and name per series.
    func legend(_ names: [String], extra: String = "") -> String {
        var x = plotX
        var svg = "<g class=\"legend\">"
        for (index, name) in names.enumerated() {
            svg += "<rect x=\"\(HTMLText.coordinate(x))\" y=\"8\" width=\"14\" height=\"14\" fill=\"\(fill(index))\" stroke=\"#111\" stroke-width=\"0.6\"/>"
            svg += "<text x=\"\(HTMLText.coordinate(x + 19))\" y=\"19\" font-size=\"12\">\(HTMLText.escape(name))</text>"
            x += 19 + Double(name.count) * 7 + 18
        }
        return svg + extra + "</g>\n"
    }

    /// Horizontal grid lines and their labels on the left, `0...100` as
    /// `labels` say (from the bottom up).
    func grid(labels: [String]) -> String {
        var svg = "<g class=\"grid\">"
        for (index, label) in labels.enumerated() {
            let y = plotBottom - plotHeight * Double(index) / Double(max(1, labels.count - 1))
            svg += "<line x1=\"\(HTMLText.coordinate(plotX))\" y1=\"\(HTMLText.coordinate(y))\" x2=\"\(HTMLText.coordinate(plotX + plotWidth))\" y2=\"\(HTMLText.coordinate(y))\" stroke=\"#ddd\" stroke-width=\"0.6\"/>"
            svg += "<text x=\"\(HTMLText.coordinate(plotX - 6))\" y=\"\(HTMLText.coordinate(y + 4))\" font-size=\"11\" text-anchor=\"end\">\(HTMLText.escape(label))</text>"
        }
        return svg + "</g>\n"
    }

    /// Category labels under the plot, thinned so they never overlap, and
    /// slanted when their band is narrow.
    func categoryLabels(_ labels: [String], band: Double) -> String {
        let step = max(1, Int((Double(labels.map(\.count).max() ?? 1) * 6.5 / band).rounded(.up)))
        var svg = "<g class=\"categories\">"
        for (index, label) in labels.enumerated() where index % step == 0 {
            let x = plotX + band * (Double(index) + 0.5)
            let room = max(6, Int(band * Double(step) / 6.5))  // characters of 11px text in the labels' space
            let shown = label.count > room ? String(label.prefix(room - 1)) + "…" : label
            svg += "<text x=\"\(HTMLText.coordinate(x))\" y=\"\(HTMLText.coordinate(plotBottom + 16))\" font-size=\"11\" text-anchor=\"middle\">\(HTMLText.escape(shown))</text>"
        }
        return svg + "</g>\n"
    }

    /// A bar from the baseline: `fraction` of the plot's height (0...1).
    func bar(x: Double, width: Double, fraction: Double, bottom: Double? = nil, fill: String, className: String, title: String) -> String {
        let height = plotHeight * min(1, max(0, fraction))
        let base = bottom ?? plotBottom
        let c = HTMLText.coordinate
        return "<rect class=\"\(className)\" x=\"\(c(x))\" y=\"\(c(base - height))\" width=\"\(c(width))\" height=\"\(c(height))\" fill=\"\(fill)\" stroke=\"#111\" stroke-width=\"0.6\"><title>\(HTMLText.escape(title))</title></rect>"
    }

    static let percentLabels = ["0%", "25%", "50%", "75%", "100%"]
}
