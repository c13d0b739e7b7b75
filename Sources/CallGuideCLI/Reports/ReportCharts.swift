import CallGuideStore

/// One bar of a chart: its share of the axis and the words that explain it.
struct ChartBar {
    /// 0...100 on a percent axis; a count on a count axis.
    var value: Double
    /// "anna: conversion 56% (40 of 72 calls)".
    var title: String
}

/// Bars side by side per group on a 0-100 % axis: conversion and
/// acceptance per operator. A missing bar (nothing to divide) is drawn as
/// "n/a" at the baseline, never as a zero.
struct GroupedBarChart {
    var id: String
    var label: String
    var groups: [String]
    var series: [(name: String, bars: [ChartBar?])]

    func render() -> String {
        let canvas = SVGCanvas(id: id)
        var svg = canvas.open(label: label) + canvas.legend(series.map(\.name)) + canvas.grid(labels: SVGCanvas.percentLabels)
        let band = canvas.plotWidth / Double(max(1, groups.count))
        // Bars no wider than 56: one or two groups must not fill the plot
        // with slabs; what is left of a band is space around its bars.
        let barWidth = min(56, band * 0.8 / Double(max(1, series.count)))
        let gap = band - barWidth * Double(series.count)
        for (group, _) in groups.enumerated() {
            for (index, serie) in series.enumerated() {
                let x = canvas.plotX + band * Double(group) + gap / 2 + barWidth * Double(index)
                guard group < serie.bars.count, let bar = serie.bars[group] else {
                    svg += "<text class=\"missing\" x=\"\(HTMLText.coordinate(x + barWidth / 2))\" y=\"\(HTMLText.coordinate(canvas.plotBottom - 4))\" font-size=\"9\" text-anchor=\"middle\">n/a</text>"
                    continue
                }
                svg += canvas.bar(x: x, width: barWidth, fraction: bar.value / 100, fill: canvas.fill(index), className: "bar series-\(index)", title: bar.title)
                if barWidth >= 22 {
                    let top = canvas.plotBottom - canvas.plotHeight * min(1, max(0, bar.value / 100))
                    svg += "<text class=\"value\" x=\"\(HTMLText.coordinate(x + barWidth / 2))\" y=\"\(HTMLText.coordinate(top - 3))\" font-size=\"10\" text-anchor=\"middle\">\(HTMLText.escape(String(format: "%.0f%%", bar.value)))</text>"
                }
            }
        }
        svg += "\n" + canvas.categoryLabels(groups, band: band)
        return svg + "</svg>\n"
    }
}

/// NPS over time (reports.md 3): per period a bar of 100 % split into
/// detractors (bottom), passives and promoters (top), and over the bars the
/// NPS as a line with a marked, labelled point per period, on its own axis
/// from -100 to +100 (right). A period without NPS answers has no bar and
/// breaks the line.
struct NPSTrendChart {
    var id: String
    var label: String
    var rows: [ReportRow]

    func render() -> String {
        let canvas = SVGCanvas(id: id, rightMargin: 44)
        let c = HTMLText.coordinate
        let lineKey = "<line x1=\"\(c(canvas.plotX + 390))\" y1=\"15\" x2=\"\(c(canvas.plotX + 414))\" y2=\"15\" stroke=\"#111\" stroke-width=\"2\"/>"
            + "<circle cx=\"\(c(canvas.plotX + 402))\" cy=\"15\" r=\"3.5\" fill=\"#fff\" stroke=\"#111\" stroke-width=\"1.5\"/>"
            + "<text x=\"\(c(canvas.plotX + 419))\" y=\"19\" font-size=\"12\">NPS (right axis)</text>"
        var svg = canvas.open(label: label) + canvas.legend(["promoters 9-10", "passives 7-8", "detractors 0-6"], extra: lineKey)
        svg += canvas.grid(labels: SVGCanvas.percentLabels)
        // The NPS axis on the right: -100 at the bottom, +100 at the top.
        svg += "<g class=\"nps-axis\">"
        for (index, label) in ["-100", "-50", "0", "+50", "+100"].enumerated() {
            let y = canvas.plotBottom - canvas.plotHeight * Double(index) / 4
            svg += "<text x=\"\(c(canvas.plotX + canvas.plotWidth + 6))\" y=\"\(c(y + 4))\" font-size=\"11\">\(label)</text>"
        }
        svg += "</g>\n"
        let band = canvas.plotWidth / Double(max(1, rows.count))
        let barWidth = band * 0.62
        var segments: [[(Double, Double)]] = [[]]
        var points = ""
        for (index, row) in rows.enumerated() {
            let x = canvas.plotX + band * Double(index) + (band - barWidth) / 2
            let key = row.key ?? "all"
            guard row.npsAnswers > 0, let nps = row.nps else {
                if !(segments.last?.isEmpty ?? true) { segments.append([]) }
                svg += "<text class=\"missing\" x=\"\(c(x + barWidth / 2))\" y=\"\(c(canvas.plotBottom - 4))\" font-size=\"9\" text-anchor=\"middle\">no answers</text>"
                continue
            }
            let total = Double(row.npsAnswers)
            var bottom = canvas.plotBottom
            let stack: [(Int, String, Int)] = [(row.detractors, "detractors", 2), (row.passives, "passives", 1), (row.promoters, "promoters", 0)]
            for (count, name, series) in stack {
                let fraction = Double(count) / total
                svg += canvas.bar(x: x, width: barWidth, fraction: fraction, bottom: bottom, fill: canvas.fill(series),
                                  className: "bar \(name)", title: "\(key): \(name) \(String(format: "%.0f%%", fraction * 100)) (\(count) of \(row.npsAnswers))")
                bottom -= canvas.plotHeight * fraction
            }
            let point = (x + barWidth / 2, canvas.plotY + canvas.plotHeight * (100 - nps) / 200)
            segments[segments.count - 1].append(point)
            points += "<circle class=\"nps-point\" cx=\"\(c(point.0))\" cy=\"\(c(point.1))\" r=\"3.5\" fill=\"#fff\" stroke=\"#111\" stroke-width=\"1.5\">"
                + "<title>\(HTMLText.escape("\(key): NPS \(ReportCommand.npsText(nps)) (\(row.promoters) promoters, \(row.detractors) detractors of \(row.npsAnswers))"))</title></circle>"
            points += "<text class=\"value\" x=\"\(c(point.0))\" y=\"\(c(point.1 - 7))\" font-size=\"10\" text-anchor=\"middle\" stroke=\"#fff\" stroke-width=\"3\" paint-order=\"stroke\">\(ReportCommand.npsText(nps))</text>"
        }
        for segment in segments where segment.count > 1 {
            svg += "<polyline class=\"nps-line\" fill=\"none\" stroke=\"#111\" stroke-width=\"2\" points=\"\(segment.map { "\(c($0.0)),\(c($0.1))" }.joined(separator: " "))\"/>"
        }
        svg += points + "\n" + canvas.categoryLabels(rows.map { $0.key ?? "all" }, band: band)
        return svg + "</svg>\n"
    }
}

/// Counts as horizontal bars, longest scale = the largest count: cards per
/// status, tasks, answers per option.
struct HorizontalBarChart {
    var id: String
    var label: String
    var bars: [(label: String, bar: ChartBar)]

    func render() -> String {
        let rowHeight = 24.0
        let canvas = SVGCanvas(id: id, height: 6 + rowHeight * Double(max(1, bars.count)) + 6, topMargin: 6, bottomMargin: 6)
        let c = HTMLText.coordinate
        let labelWidth = 230.0
        let left = canvas.plotX + labelWidth - 56
        let width = canvas.plotWidth - (labelWidth - 56) - 40
        let largest = bars.map(\.bar.value).max() ?? 0
        var svg = canvas.open(label: label)
        for (index, item) in bars.enumerated() {
            let y = canvas.plotY + rowHeight * Double(index) + 4
            let shown = item.label.count > 34 ? String(item.label.prefix(33)) + "…" : item.label
            svg += "<text x=\"\(c(left - 6))\" y=\"\(c(y + 12))\" font-size=\"11\" text-anchor=\"end\">\(HTMLText.escape(shown))</text>"
            let length = largest > 0 ? width * item.bar.value / largest : 0
            svg += "<rect class=\"hbar\" x=\"\(c(left))\" y=\"\(c(y))\" width=\"\(c(length))\" height=\"\(c(rowHeight - 8))\" fill=\"\(canvas.fill(0))\" stroke=\"#111\" stroke-width=\"0.6\"><title>\(HTMLText.escape(item.bar.title))</title></rect>"
            svg += "<text class=\"value\" x=\"\(c(left + length + 5))\" y=\"\(c(y + 12))\" font-size=\"11\">\(HTMLText.escape(canonical(item.bar.value)))</text>"
        }
        return svg + "</svg>\n"
    }

    private func canonical(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(format: "%.1f", value)
    }
}
