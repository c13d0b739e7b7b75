/// Which parts of a script a set of replayed calls exercised: QA's answer to
/// "which branches do our recorded calls never test?"
public struct CoverageSummary: Sendable {
    public var nodes: (hit: Int, total: Int)
    public var branches: (hit: Int, total: Int)
    /// What was never exercised, in file order, with its line.
    public var missed: [(branch: Branch, line: Int)]

    public init(script: Script, exercised: Set<Branch>) {
        let all = Branch.all(in: script)
        var nodes = (0, 0)
        var branches = (0, 0)
        var missed: [(Branch, Int)] = []
        for (branch, line) in all {
            let hit = exercised.contains(branch)
            if case .node = branch {
                nodes.1 += 1
                if hit { nodes.0 += 1 }
            } else {
                branches.1 += 1
                if hit { branches.0 += 1 }
            }
            if !hit { missed.append((branch, line)) }
        }
        self.nodes = nodes
        self.branches = branches
        self.missed = missed.enumerated().sorted { ($0.element.1, $0.offset) < ($1.element.1, $1.offset) }.map(\.element)
    }

    public static func percent(_ part: (hit: Int, total: Int)) -> String {
        guard part.total > 0 else { return "100%" }
        let value = Double(part.hit) * 100 / Double(part.total)
        return value == value.rounded() ? "\(Int(value))%" : String(format: "%.1f%%", value)
    }
}

import Foundation
