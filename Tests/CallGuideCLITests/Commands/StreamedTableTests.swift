@testable import CallGuideCLI
import XCTest

/// `calls` writes a million rows as they come (flat memory): the first
/// thousand size the columns, as a whole table would be sized.
final class StreamedTableTests: XCTestCase {
    func written(_ rows: [[String]]) -> String {
        var text = ""
        var table = StreamedTable(headers: ["id", "n"], rightAligned: [1]) { text += $0 }
        rows.forEach { table.add($0) }
        table.finish()
        return text
    }

    func testUpToTheSampleItIsTheWholeTable() {
        let rows = (0..<StreamedTable.sample).map { ["call-\($0)", String($0)] }
        XCTAssertEqual(written(rows), TextTable(headers: ["id", "n"], rows: rows, rightAligned: [1]).render() + "\n")
        XCTAssertEqual(written([]), TextTable(headers: ["id", "n"], rightAligned: [1]).render() + "\n")
    }

    func testRowsAfterTheSampleKeepItsWidthsAndAWiderCellPushesRight() {
        let rows = (0..<StreamedTable.sample).map { ["c\($0 % 10)", "1"] } + [["c1", "2"], ["a-much-longer-id", "3"]]
        let lines = written(rows).split(separator: "\n", omittingEmptySubsequences: false)
        XCTAssertEqual(lines[0], "id  n")
        XCTAssertEqual(lines[2 + StreamedTable.sample], "c1  2")
        XCTAssertEqual(lines[3 + StreamedTable.sample], "a-much-longer-id  3")
        XCTAssertEqual(lines.count, 2 + rows.count + 1, "header, rule, every row, and the final newline")
    }
}
