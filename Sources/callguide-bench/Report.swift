import Foundation

/// One measured figure beside its target.
struct Figure {
    enum Target {
        /// The figure must be at most this.
        case atMost(Double)
        /// No target: shown for information (a split, a size).
        case none
    }

    var name: String
    var value: Double
    var unit: String
    var target: Target

    var verdict: String {
        switch target {
        case .atMost(let limit): return value <= limit ? "PASS" : "MISS"
        case .none: return "-"
        }
    }

    var valueText: String { Self.format(value, unit: unit) }

    var targetText: String {
        switch target {
        case .atMost(let limit): return "<= " + Self.format(limit, unit: unit)
        case .none: return ""
        }
    }

    static func format(_ value: Double, unit: String) -> String {
        let number: String
        if value.isNaN {
            number = "n/a"
        } else if abs(value) >= 100 {
            number = String(format: "%.0f", value)
        } else if abs(value) >= 10 {
            number = String(format: "%.1f", value)
        } else {
            number = String(format: "%.2f", value)
        }
        return unit.isEmpty ? number : "\(number) \(unit)"
    }
}

/// Prints figures as a table: `name  value  target  PASS/MISS`.
enum Report {
    static func header() -> String {
        row("benchmark", "value", "target", "result")
    }

    static func line(_ figure: Figure) -> String {
        row(figure.name, figure.valueText, figure.targetText, figure.verdict)
    }

    private static func row(_ name: String, _ value: String, _ target: String, _ verdict: String) -> String {
        // A longer name is kept whole and pushes its line right.
        (name.count >= 44 ? name : name.padding(toLength: 44, withPad: " ", startingAt: 0)) + "  "
            + value.leftPadded(to: 12) + "  " + target.leftPadded(to: 12) + "  " + verdict
    }

    /// Prints a figure's row at once, so a long run shows progress.
    static func emit(_ figure: Figure) {
        print(line(figure))
        fflush(nil)
    }

    static func note(_ text: String) {
        print("# " + text)
        fflush(nil)
    }
}

extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
