@testable import CallGuide
import XCTest

final class DominatorTreeTests: XCTestCase {
    /// predecessors from an edge list over `count` nodes.
    private func predecessors(_ count: Int, _ edges: [(Int, Int)]) -> Adjacency {
        var result = [[Int]](repeating: [], count: count)
        for (from, to) in edges { result[to].append(from) }
        return Adjacency(result)
    }

    func testAnIrreducibleLoopIsDominatedOnlyByItsEntry() {
        // 0 -> 1, 0 -> 2, 1 <-> 2, both -> 3; node 4 is unreachable.
        let tree = DominatorTree(root: 0, order: [0, 2, 1, 3], predecessors: predecessors(5, [(0, 1), (0, 2), (1, 2), (2, 1), (1, 3), (2, 3), (4, 3)]))
        for node in 0...3 { XCTAssertTrue(tree.dominates(0, node)) }
        XCTAssertFalse(tree.dominates(1, 2))
        XCTAssertFalse(tree.dominates(2, 1))
        XCTAssertFalse(tree.dominates(1, 3))
        XCTAssertFalse(tree.dominates(2, 3))
        XCTAssertFalse(tree.dominates(0, 4))
        XCTAssertFalse(tree.dominates(4, 4))
    }

    func testALoopBodyIsDominatedByItsHeader() {
        // 0 -> 1 -> 2 -> 1, 2 -> 3.
        let tree = DominatorTree(root: 0, order: [0, 1, 2, 3], predecessors: predecessors(4, [(0, 1), (1, 2), (2, 1), (2, 3)]))
        XCTAssertTrue(tree.dominates(1, 2))
        XCTAssertTrue(tree.dominates(1, 3))
        XCTAssertTrue(tree.dominates(2, 3))
        XCTAssertFalse(tree.dominates(2, 1))
        XCTAssertFalse(tree.dominates(3, 2))
    }

    func testALongChainNeedsNoRecursion() {
        let count = 50_000
        let edges = (0..<count - 1).map { ($0, $0 + 1) }
        let tree = DominatorTree(root: 0, order: Array(0..<count), predecessors: predecessors(count, edges))
        XCTAssertTrue(tree.dominates(0, count - 1))
        XCTAssertTrue(tree.dominates(count / 2, count - 1))
        XCTAssertFalse(tree.dominates(count - 1, count / 2))
    }
}
