import CallGuide
import Foundation
import XCTest

/// `card find|set|import|export`, `calls` and `report` through the real binary.
final class CardsCommandTests: XCTestCase {
    static let cardsCSV = """
        name,phone,email,company,budget,status
        Иван Петров,+7 900 123-45-67,ivan@example.com,Рога и Копыта,100,new
        Olga Smirnova,+7 911 222-33-44,olga@mail.example,HomeTech,250.75,potential

        """

    func testFindByPartialNamePhoneDigitsEmailAndCompany() throws {
        let workspace = try WorkspaceFixture.make()
        defer { workspace.remove() }
        try Self.importCards(workspace)
        func found(_ text: String) throws -> String {
            let result = try workspace.callguide(["card", "find", text, "--db", workspace.database])
            XCTAssertEqual(result.status, 0, result.stderr)
            return result.stdout
        }
        for text in ["иван", "ИВАН", "петр", "4567", "900 123", "ivan@example", "рога и", "КОПЫТА"] {
            let output = try found(text)
            XCTAssertTrue(output.contains("C000001"), "\(text): \(output)")
            XCTAssertFalse(output.contains("C000002"), "\(text): \(output)")
        }
        for text in ["smirn", "3344", "MAIL.EXAMPLE", "hometech"] {
            let output = try found(text)
            XCTAssertTrue(output.contains("C000002") && !output.contains("C000001"), "\(text): \(output)")
        }
        XCTAssertTrue(try found("nobody").contains("No card matches 'nobody'."))
    }

    func testSetIsTypedAndStatusFollowsTransitions() throws {
        let workspace = try WorkspaceFixture.make()
        defer { workspace.remove() }
        try Self.importCards(workspace)
        let bad = try workspace.callguide(["card", "set", "C000001", "budget=abc", "--db", workspace.database])
        XCTAssertEqual(bad.status, 2)
        XCTAssertEqual(bad.stderr.split(whereSeparator: \.isNewline).count, 1, bad.stderr)
        XCTAssertTrue(bad.stderr.contains("'abc' is not a valid value for card field 'budget': expected a number"), bad.stderr)
        XCTAssertEqual(try workspace.card("C000001")["fields"]?["budget"]?.number, 100)

        let good = try workspace.callguide(["card", "set", "C000001", "budget=1500.5", "region=Kazan", "--db", workspace.database])
        XCTAssertEqual(good.status, 0, good.stderr)
        let card = try workspace.card("C000001")
        XCTAssertEqual(card["fields"]?["budget"]?.number, Decimal(string: "1500.5"))
        XCTAssertEqual(card["region"]?.string, "Kazan")

        // potential -> new is not allowed; potential -> in_work is.
        let refused = try workspace.callguide(["card", "set", "C000002", "status=new", "--db", workspace.database])
        XCTAssertEqual(refused.status, 2)
        XCTAssertTrue(refused.stderr.contains("cannot change from 'potential' to 'new'"), refused.stderr)
        XCTAssertEqual(try workspace.card("C000002")["status"]?.string, "potential")
        XCTAssertEqual(try workspace.callguide(["card", "set", "C000002", "status=in_work", "--db", workspace.database]).status, 0)
        XCTAssertEqual(try workspace.card("C000002")["status"]?.string, "in_work")
    }

    func testImportWithBadRowsNamesEveryOneAndImportsNothing() throws {
        let workspace = try WorkspaceFixture.make()
        defer { workspace.remove() }
        let file = workspace.root + "/bad.csv"
        try """
            name,phone,email,budget,status
            Good One,+7 900 000-00-01,good@example.com,10,new
            Bad Email,+7 900 000-00-02,not-an-email,10,new
            Good Two,+7 900 000-00-03,,20,new
            Bad Budget,+7 900 000-00-04,,abc,new
            Bad Status,+7 900 000-00-05,,30,sleeping

            """.write(toFile: file, atomically: true, encoding: .utf8)
        let result = try workspace.callguide(["card", "import", file, "--db", workspace.database])
        XCTAssertEqual(result.status, 2)
        for line in [3, 5, 6] { XCTAssertTrue(result.stderr.contains("bad.csv:\(line):"), "line \(line): \(result.stderr)") }
        for line in [2, 4] { XCTAssertFalse(result.stderr.contains("bad.csv:\(line):"), result.stderr) }
        XCTAssertTrue(result.stderr.contains("3 bad rows; nothing was imported"), result.stderr)
        let export = try workspace.callguide(["card", "export", "--db", workspace.database])
        XCTAssertEqual(export.stdout.split(whereSeparator: \.isNewline).count, 1, "only the header: \(export.stdout)")
        XCTAssertEqual(try workspace.json(["card", "export", "--format", "json", "--db", workspace.database]).elements.count, 0)
    }

    func testExportRoundTripsThroughImport() throws {
        let workspace = try WorkspaceFixture.make()
        defer { workspace.remove() }
        try Self.importCards(workspace)
        let csv = try workspace.callguide(["card", "export", "--db", workspace.database])
        XCTAssertEqual(csv.status, 0, csv.stderr)
        let json = try workspace.json(["card", "export", "--format", "json", "--db", workspace.database])
        XCTAssertEqual(json.elements.count, 2)
        XCTAssertEqual(json.elements.first?["name"]?.string, "Иван Петров")
        XCTAssertEqual(json.elements.last?["fields"]?["budget"]?.number, Decimal(string: "250.75"))

        let file = workspace.root + "/export.csv"
        try csv.stdout.write(toFile: file, atomically: true, encoding: .utf8)
        let otherDatabase = workspace.root + "/other.db"
        let imported = try workspace.callguide(["card", "import", file, "--db", otherDatabase])
        XCTAssertEqual(imported.status, 0, imported.stderr)
        let again = try workspace.callguide(["card", "export", "--db", otherDatabase])
        XCTAssertEqual(again.stdout, csv.stdout, "export → import → export is the same")
        // Importing into the same database updates (by id) and creates nothing.
        let same = try workspace.callguide(["card", "import", file, "--db", workspace.database])
        XCTAssertTrue(same.stdout.contains("0 cards created"), same.stdout)
        XCTAssertEqual(try workspace.json(["card", "export", "--format", "json", "--db", workspace.database]).elements.count, 2)
    }

    func testCallsFiltersAndFormats() throws {
        let workspace = try WorkspaceFixture.make()
        defer { workspace.remove() }
        XCTAssertEqual(try workspace.runCall(card: nil, operator: "anna", answers: WorkspaceFixture.answers()).status, 0)
        XCTAssertEqual(try workspace.runCall(card: nil, operator: "boris", answers: WorkspaceFixture.answers()).status, 0)
        let sample = try workspace.callguide(
            ["run", "scripts/inbound-order.yaml", "--operator", "anna", "--db", workspace.database],
            input: "2\n")  // a question: consult only, no sale
        XCTAssertEqual(sample.status, 0, sample.stderr)
        let today = CardsRunTests.today()
        let yesterday = Self.day(offset: -1), tomorrow = Self.day(offset: 1)
        XCTAssertEqual(try workspace.calls().count, 3)
        XCTAssertEqual(try workspace.calls(["--operator", "anna"]).count, 2)
        XCTAssertEqual(try workspace.calls(["--script", "inbound_order"]).count, 1)
        XCTAssertEqual(try workspace.calls(["--script", "card_call", "--operator", "boris"]).count, 1)
        XCTAssertEqual(try workspace.calls(["--since", today, "--until", today]).count, 3)
        XCTAssertEqual(try workspace.calls(["--since", tomorrow]).count, 0)
        XCTAssertEqual(try workspace.calls(["--until", yesterday]).count, 0)
        let csv = try workspace.callguide(["calls", "--format", "csv", "--operator", "boris", "--db", workspace.database])
        XCTAssertEqual(csv.status, 0, csv.stderr)
        let rows = csv.stdout.split(whereSeparator: \.isNewline)
        XCTAssertEqual(rows.count, 2, csv.stdout)
        XCTAssertTrue(rows.last?.contains("boris") == true && rows.last?.contains("card_call") == true, csv.stdout)
        // "yesterday" is a period word now (ReportPeriod); an unknown word is still refused.
        let badDate = try workspace.callguide(["calls", "--since", "last-week", "--db", workspace.database])
        XCTAssertEqual(badDate.status, 2)
    }

    func testReportFiguresByOperatorScriptAndDay() throws {
        let workspace = try WorkspaceFixture.make()
        defer { workspace.remove() }
        let calls: [(String, [String])] = [
            ("anna", WorkspaceFixture.answers(offer: "yes", buy: "yes", score: "10")),   // sale, accepted, promoter
            ("anna", WorkspaceFixture.answers(offer: "no", buy: "no", score: "5")),      // no sale, detractor
            ("boris", WorkspaceFixture.answers(offer: "yes", buy: "yes", score: "8")),   // sale, accepted, passive
            ("boris", WorkspaceFixture.answers(offer: "no", buy: "no", score: "9")),     // no sale, promoter
        ]
        for (name, answers) in calls {
            XCTAssertEqual(try workspace.runCall(card: nil, operator: name, answers: answers).status, 0)
        }
        let byOperator = try workspace.json(["report", "--by", "operator", "--format", "json", "--db", workspace.database]).elements
        XCTAssertEqual(byOperator.map { $0["operator"]?.string }, ["anna", "boris"])
        let expected: [String: [String: Decimal]] = [
            "anna": ["calls": 2, "conversions": 1, "conversion_rate": 50, "offers_made": 2, "offers_accepted": 1, "acceptance_rate": 50,
                     "nps_answers": 2, "promoters": 1, "passives": 0, "detractors": 1, "nps": 0],
            "boris": ["calls": 2, "conversions": 1, "conversion_rate": 50, "offers_made": 2, "offers_accepted": 1, "acceptance_rate": 50,
                      "nps_answers": 2, "promoters": 1, "passives": 1, "detractors": 0, "nps": 50],
        ]
        for row in byOperator {
            let name = row["operator"]?.string ?? ""
            for (key, value) in expected[name] ?? [:] { XCTAssertEqual(row[key]?.number, value, "\(name) \(key)") }
        }
        let total: [String: Decimal] = ["calls": 4, "conversions": 2, "conversion_rate": 50, "offers_made": 4, "offers_accepted": 2,
                                        "acceptance_rate": 50, "nps_answers": 4, "promoters": 2, "passives": 1, "detractors": 1, "nps": 25]
        for (grouping, key) in [("script", "card_call"), ("day", CardsRunTests.today())] {
            let rows = try workspace.json(["report", "--by", grouping, "--format", "json", "--db", workspace.database]).elements
            XCTAssertEqual(rows.count, 1)
            XCTAssertEqual(rows.first?[grouping]?.string, key)
            for (name, value) in total { XCTAssertEqual(rows.first?[name]?.number, value, "\(grouping) \(name)") }
        }
        let csv = try workspace.callguide(["report", "--by", "operator", "--format", "csv", "--db", workspace.database])
        let lines = csv.stdout.split(whereSeparator: \.isNewline).map(String.init)
        XCTAssertEqual(lines.first?.hasPrefix("operator,calls,mean_duration_s,conversions,conversion_rate"), true, csv.stdout)
        guard lines.count == 3 else { return XCTFail(csv.stdout) }
        XCTAssertTrue(lines[2].hasPrefix("boris,2,"), lines[2])
        XCTAssertTrue(lines[2].hasSuffix(",2,1,50,2,1,1,0,50"), lines[2])
    }

    static func importCards(_ workspace: WorkspaceFixture) throws {
        let file = workspace.root + "/cards.csv"
        try cardsCSV.write(toFile: file, atomically: true, encoding: .utf8)
        let result = try workspace.callguide(["card", "import", file, "--db", workspace.database])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.contains("2 cards created, 0 updated"), result.stdout)
    }

    static func day(offset: Int) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "yyyy-MM-dd"
        return formatter.string(from: Date().addingTimeInterval(Double(offset) * 86_400))
    }
}
