import CallGuideStore
import XCTest

final class CSVTests: XCTestCase {
    func testQuotesEmbeddedCommasNewlinesAndCRLF() throws {
        let text = "name,notes\r\n\"Petrov, Ivan\",\"said \"\"hi\"\"\r\nthen left\"\r\nAnna,\r\n"
        let records = try CSV.read(text)
        XCTAssertEqual(records, [
            CSVRecord(line: 1, fields: ["name", "notes"]),
            CSVRecord(line: 2, fields: ["Petrov, Ivan", "said \"hi\"\r\nthen left"]),
            CSVRecord(line: 4, fields: ["Anna", ""]),
        ])
    }

    func testLFLineEndsABOMAndNoFinalNewline() throws {
        let records = try CSV.read("\u{FEFF}a,b\nc,d")
        XCTAssertEqual(records.map(\.fields), [["a", "b"], ["c", "d"]])
        XCTAssertEqual(records.map(\.line), [1, 2])
    }

    func testBlankLinesAreSkippedButAQuotedEmptyFieldIsARecord() throws {
        XCTAssertEqual(try CSV.read("a\n\nb\n").map(\.fields), [["a"], ["b"]])
        XCTAssertEqual(try CSV.read("\"\"\n").map(\.fields), [[""]])
    }

    func testMalformedQuotingIsAnErrorWithItsLine() {
        XCTAssertThrowsError(try CSV.read("a\n\"never closed\n")) { error in
            XCTAssertEqual((error as? CSVError)?.line, 2)
        }
        XCTAssertThrowsError(try CSV.read("a\nab\"c\n")) { error in
            XCTAssertEqual((error as? CSVError)?.line, 2)
        }
        XCTAssertThrowsError(try CSV.read("\"a\"b\n"))
    }

    func testWriteQuotesOnlyWhatNeedsItAndReadsBack() throws {
        let rows = [["id", "name", "notes"], ["C1", "Petrov, Ivan", "line1\nline2 \"q\""], ["C2", "Анна", ""]]
        let text = CSV.write(rows)
        XCTAssertTrue(text.hasPrefix("id,name,notes\r\nC1,\"Petrov, Ivan\",\"line1\nline2 \"\"q\"\"\"\r\n"))
        XCTAssertEqual(try CSV.read(text).map(\.fields), rows)
    }
}
