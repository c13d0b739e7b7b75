import XCTest
@testable import CallGuide

/// Shared helpers for the YAML loader tests.
extension XCTestCase {
    func loadYAML(_ text: String, file: StaticString = #filePath, line: UInt = #line) throws -> YAMLDocument {
        do {
            return try YAMLParser.parse(Array(text.utf8))
        } catch {
            XCTFail("unexpected YAML error \(error.location): \(error.message)", file: file, line: line)
            throw error
        }
    }

    func yamlError(_ bytes: [UInt8], file: StaticString = #filePath, line: UInt = #line) -> YAMLError? {
        do {
            _ = try YAMLParser.parse(bytes)
            XCTFail("expected a YAML error", file: file, line: line)
            return nil
        } catch {
            return error
        }
    }

    func yamlError(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> YAMLError? {
        yamlError(Array(text.utf8), file: file, line: line)
    }
}

func loc(_ line: Int, _ column: Int) -> SourceLocation { SourceLocation(line: line, column: column) }

final class YAMLLocationTests: XCTestCase {
    func testKeysAndValuesCarryLineAndColumn() throws {
        let doc = try loadYAML("id: intro\ntitle: Hello\n")
        let pairs = try XCTUnwrap(doc.root?.mapping)
        XCTAssertEqual(pairs.count, 2)
        XCTAssertEqual(pairs[1].key.start, loc(2, 1))
        XCTAssertEqual(pairs[1].key.end, loc(2, 6))
        XCTAssertEqual(pairs[1].value.start, loc(2, 8))
        XCTAssertEqual(pairs[1].value.end, loc(2, 13))
        XCTAssertEqual(doc.root?.start, loc(1, 1))
    }

    func testCyrillicColumnsCountCharacters() throws {
        let doc = try loadYAML("имя: Иван\nфамилия: Петров\n")
        let surname = try XCTUnwrap(doc.root?["фамилия"])
        XCTAssertEqual(surname.scalar?.text, "Петров")
        XCTAssertEqual(surname.start, loc(2, 10))
        XCTAssertEqual(surname.end, loc(2, 16))
    }

    func testSequenceItemsCarryLocations() throws {
        let doc = try loadYAML("items:\n  - first\n  - вторая\n  -   third\n")
        let items = try XCTUnwrap(doc.root?["items"]?.sequence)
        XCTAssertEqual(items.map { $0.scalar?.text }, ["first", "вторая", "third"])
        XCTAssertEqual(items.map(\.start), [loc(2, 5), loc(3, 5), loc(4, 7)])
        XCTAssertEqual(doc.root?["items"]?.start, loc(2, 3))
    }

    func testFlowStyleLocations() throws {
        let doc = try loadYAML("a: {b: [1, two], c: x}\n")
        let a = try XCTUnwrap(doc.root?["a"])
        XCTAssertEqual(a.start, loc(1, 4))
        XCTAssertEqual(a.end, loc(1, 23))
        let b = try XCTUnwrap(a["b"]?.sequence)
        XCTAssertEqual(b.map { $0.scalar?.resolved }, [.integer(1), .string("two")])
        XCTAssertEqual(b[1].start, loc(1, 12))
        XCTAssertEqual(a.mapping?[1].key.start, loc(1, 18))
    }

    func testMultiLineStrings() throws {
        let doc = try loadYAML("""
            lit: |
              line one
              line two
            fold: >
              folded
              text
            plain: a
              b
            quoted: "x\\ny"
            """)
        let lit = try XCTUnwrap(doc.root?["lit"]?.scalar)
        XCTAssertEqual(lit.text, "line one\nline two\n")
        XCTAssertEqual(lit.style, .literal)
        XCTAssertEqual(doc.root?["fold"]?.scalar?.text, "folded text\n")
        XCTAssertEqual(doc.root?["fold"]?.scalar?.style, .folded)
        XCTAssertEqual(doc.root?["plain"]?.scalar?.text, "a b")
        XCTAssertEqual(doc.root?["quoted"]?.scalar?.text, "x\ny")
        XCTAssertEqual(doc.root?["quoted"]?.scalar?.style, .doubleQuoted)
        XCTAssertEqual(doc.root?["fold"]?.start, loc(4, 7))
    }

    func testEmptyFileAndCommentsOnlyHaveNoRoot() throws {
        XCTAssertNil(try loadYAML("").root)
        XCTAssertNil(try loadYAML("# just a comment\n\n   # another\n").root)
    }

    func testByteOrderMarkIsAccepted() throws {
        let doc = try YAMLParser.parse([0xEF, 0xBB, 0xBF] + Array("a: 1\n".utf8))
        XCTAssertEqual(doc.root?["a"]?.scalar?.resolved, .integer(1))
        XCTAssertEqual(doc.root?["a"]?.start, loc(1, 4))
    }

    func testTagsAreKeptInShortForm() throws {
        let doc = try loadYAML("a: !!str 123\nb: !custom x\nc: !!int \"12\"\nd: !!float 1\ne: !!map {k: v}\n")
        XCTAssertEqual(doc.root?["a"]?.tag, "!!str")
        XCTAssertEqual(doc.root?["a"]?.scalar?.resolved, .string("123"))
        XCTAssertEqual(doc.root?["b"]?.tag, "!custom")
        XCTAssertEqual(doc.root?["b"]?.scalar?.resolved, .string("x"))
        XCTAssertEqual(doc.root?["c"]?.scalar?.resolved, .integer(12))
        XCTAssertEqual(doc.root?["d"]?.scalar?.resolved, .float(1))
        XCTAssertEqual(doc.root?["e"]?.tag, "!!map")
    }
}

final class YAMLAnchorTests: XCTestCase {
    func testAliasSharesTheAnchoredNode() throws {
        let doc = try loadYAML("base: &b {x: 1}\nuse: *b\nlist: [*b, *b]\n")
        let base = try XCTUnwrap(doc.root?["base"])
        XCTAssertTrue(doc.root?["use"] == base)
        XCTAssertTrue(doc.root?["list"]?.sequence?[1] == base)
    }

    func testScalarAnchor() throws {
        let doc = try loadYAML("a: &n 5\nb: *n\n")
        XCTAssertTrue(doc.root?["a"] == doc.root?["b"])
        XCTAssertEqual(doc.root?["b"]?.scalar?.resolved, .integer(5))
    }

    func testUndefinedAliasIsAnErrorAtTheAlias() {
        let error = yamlError("a: 1\nb: *missing\n")
        XCTAssertEqual(error?.location, loc(2, 4))
        XCTAssertTrue(error?.message.contains("*missing") ?? false, error?.message ?? "")
    }

    func testAliasInsideItsOwnAnchorIsUndefined() {
        XCTAssertEqual(yamlError("a: &a [1, *a]\n")?.location, loc(1, 11))
    }

    func testBillionLaughsIsRejectedQuickly() {
        var text = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
        var previous = "a"
        for name in ["b", "c", "d", "e", "f", "g", "h", "i"] {
            let refs = Array(repeating: "*\(previous)", count: 10).joined(separator: ", ")
            text += "\(name): &\(name) [\(refs)]\n"
            previous = name
        }
        let started = Date()
        let error = yamlError(text)
        XCTAssertLessThan(Date().timeIntervalSince(started), 1)
        XCTAssertEqual(error?.message, "alias expansion exceeds 100000 nodes plus 10 per node written (a 'billion laughs' document?)")
        XCTAssertGreaterThan(error?.location.line ?? 0, 4)
    }

    /// A big document buys its bomb no room: the allowance grows with the
    /// nodes written, the bomb's expansion tenfold with every level.
    func testBillionLaughsAfterABigDocumentIsRejectedQuickly() {
        var text = "padding:\n"
        for index in 0..<30_000 { text += "  - [p\(index), q]\n" }
        text += "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
        var previous = "a"
        for name in ["b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l"] {
            text += "\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 10).joined(separator: ", ") + "]\n"
            previous = name
        }
        let started = Date()
        let error = yamlError(text)
        XCTAssertLessThan(Date().timeIntervalSince(started), 1)
        XCTAssertTrue(error?.message.hasPrefix("alias expansion exceeds") == true, "\(String(describing: error))")
        XCTAssertGreaterThan(error?.location.line ?? 0, 30_003)
    }

    /// Expansion is bounded by the document's own size, not by a fixed
    /// count: 100,000 mappings each merging the same defaults expand to
    /// 700,000 nodes, well within ten times the 500,000 nodes they write
    /// (the fixed limit of 100,000 refused this).
    func testAMergeKeyInEveryMappingOfAHugeDocumentIsAccepted() throws {
        var text = "defaults: &defaults {hint: Be polite, tags: [sales, call]}\nnodes:\n"
        text.reserveCapacity(100_000 * 48)
        for index in 0..<100_000 { text += "  n\(index): {<<: *defaults, say: Line \(index)}\n" }
        let document = try loadYAML(text)
        let nodes = try XCTUnwrap(document.root?["nodes"]?.mapping)
        XCTAssertEqual(nodes.count, 100_000)
        XCTAssertEqual(nodes[99_999].value["hint"]?.scalar?.text, "Be polite")
    }

    func testModerateAliasUseIsAccepted() throws {
        let doc = try loadYAML("a: &a [1, 2, 3]\nb: [*a, *a, *a]\n")
        XCTAssertEqual(doc.root?["b"]?.sequence?.count, 3)
    }
}

final class YAMLMergeKeyTests: XCTestCase {
    private func keys(_ node: YAMLNode?) -> [String] {
        node?.mapping?.compactMap { $0.key.scalar?.text } ?? []
    }

    func testSingleMerge() throws {
        let doc = try loadYAML("base: &b {x: 1, y: 2}\nnode:\n  <<: *b\n  y: 3\n")
        let node = doc.root?["node"]
        XCTAssertEqual(keys(node), ["x", "y"])
        XCTAssertEqual(node?["x"]?.scalar?.resolved, .integer(1))
        XCTAssertEqual(node?["y"]?.scalar?.resolved, .integer(3))
        XCTAssertEqual(doc.duplicateKeys, [])
    }

    func testExplicitKeyBeforeMergeWins() throws {
        let doc = try loadYAML("base: &b {x: 1, y: 2}\nnode:\n  y: 9\n  <<: *b\n")
        let node = doc.root?["node"]
        XCTAssertEqual(keys(node), ["y", "x"])
        XCTAssertEqual(node?["y"]?.scalar?.resolved, .integer(9))
        XCTAssertEqual(doc.duplicateKeys, [])
    }

    func testMergeListEarlierSourceWins() throws {
        let doc = try loadYAML("a: &a {x: 1}\nb: &b {x: 2, z: 3}\nc:\n  <<: [*a, *b]\n  w: 4\n")
        let c = doc.root?["c"]
        XCTAssertEqual(keys(c), ["x", "z", "w"])
        XCTAssertEqual(c?["x"]?.scalar?.resolved, .integer(1))
        XCTAssertEqual(c?["z"]?.scalar?.resolved, .integer(3))
    }

    func testInlineMergeAndMergedPairsAreShared() throws {
        let doc = try loadYAML("base: &b {x: [1]}\nc: {<<: [{q: 1}, *b]}\n")
        let c = doc.root?["c"]
        XCTAssertEqual(keys(c), ["q", "x"])
        XCTAssertTrue(c?["x"] == doc.root?["base"]?["x"])
    }

    func testQuotedLessLessIsAnOrdinaryKey() throws {
        let doc = try loadYAML("\"<<\": 1\n")
        XCTAssertEqual(keys(doc.root), ["<<"])
    }

    func testMergeOfAScalarIsAnError() {
        XCTAssertEqual(yamlError("a: 1\nb:\n  <<: 5\n")?.location, loc(3, 7))
    }
}

final class YAMLDuplicateKeyTests: XCTestCase {
    func testDuplicatesAreReportedWithBothLocations() throws {
        let doc = try loadYAML("a: 1\nb:\n  x: 1\n  x: 2\na: 3\n")
        XCTAssertEqual(doc.duplicateKeys, [
            YAMLDuplicateKey(key: "x", location: loc(4, 3), firstLocation: loc(3, 3)),
            YAMLDuplicateKey(key: "a", location: loc(5, 1), firstLocation: loc(1, 1)),
        ])
        XCTAssertEqual(doc.root?.mapping?.count, 3, "both pairs are kept for the checker")
    }

    func testDuplicatesInLargeMappings() throws {
        var text = ""
        for i in 0..<40 { text += "k\(i): \(i)\n" }
        text += "k3: again\nk39: again\nk40: new\n"
        let doc = try loadYAML(text)
        XCTAssertEqual(doc.duplicateKeys, [
            YAMLDuplicateKey(key: "k3", location: loc(41, 1), firstLocation: loc(4, 1)),
            YAMLDuplicateKey(key: "k39", location: loc(42, 1), firstLocation: loc(40, 1)),
        ])
        XCTAssertEqual(doc.root?.mapping?.count, 43)
    }

    /// Small mappings are scanned and large ones use `YAMLKeyTable` (which
    /// grows several times here): both must find exactly the repeats a
    /// plain reference finds, by bytes, with the first key's location.
    func testDuplicatesAgreeWithAReferenceOnRandomKeys() throws {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        let alphabet = ["a", "b", "c", "1", "_", "é", "ж", "e\u{301}"]
        for round in 0..<24 {
            let count = [5, 13, 200, 3_000][round % 4]
            var text = ""
            var first: [[UInt8]: SourceLocation] = [:]
            var expected: [YAMLDuplicateKey] = []
            for line in 1...count {
                let key = (0..<(1 + next(3))).map { _ in alphabet[next(alphabet.count)] }.joined()
                text += "\"\(key)\": \(line)\n"
                let location = loc(line, 1)
                if let firstLocation = first[Array(key.utf8)] {
                    expected.append(YAMLDuplicateKey(key: key, location: location, firstLocation: firstLocation))
                } else {
                    first[Array(key.utf8)] = location
                }
            }
            let doc = try loadYAML(text)
            XCTAssertEqual(doc.duplicateKeys, expected, "round \(round), \(count) keys")
            XCTAssertEqual(doc.root?.mapping?.count, count)
        }
    }

    /// The decoder skips `x-` keys only where the builder says a mapping
    /// may have one: directly, through an alias key, or merged in.
    func testMappingsKnowWhetherTheyMayHaveToolKeys() throws {
        let doc = try loadYAML("""
            plain: {a: 1, b: 2}
            direct: {a: 1, x-note: 2}
            base: &base {x-note: 1}
            merged: {<<: *base, a: 1}
            listed: {<<: [{a: 1}, *base]}
            k: &k x-key
            aliased: {*k : 1}
            """)
        let root = try XCTUnwrap(doc.root)
        XCTAssertEqual(root["plain"]?.mapping?.mayHaveToolKeys, false)
        XCTAssertEqual(root.mapping?.mayHaveToolKeys, false)
        for key in ["direct", "base", "merged", "listed", "aliased"] {
            XCTAssertEqual(root[key]?.mapping?.mayHaveToolKeys, true, key)
            XCTAssertEqual(root[key]?.mapping?.hasToolKey(), true, key)
        }
    }

    func testCanonicallyEquivalentSpellingsAreDifferentKeys() throws {
        // "é" as one scalar and as "e" + a combining accent: equal as Swift
        // Strings, different characters to YAML.
        let small = try loadYAML("\"\u{E9}\": 1\n\"e\u{301}\": 2\n")
        XCTAssertEqual(small.duplicateKeys, [])
        var text = ""
        for i in 0..<30 { text += "k\(i): \(i)\n" }
        text += "\"\u{E9}\": 1\n\"e\u{301}\": 2\n\"\u{E9}\": 3\n"
        let large = try loadYAML(text)
        XCTAssertEqual(large.duplicateKeys, [YAMLDuplicateKey(key: "\u{E9}", location: loc(33, 1), firstLocation: loc(31, 1))])
    }

    func testMergedKeysAreNeverDuplicates() throws {
        let doc = try loadYAML("b: &b {x: 1}\nc:\n  <<: *b\n  <<: {x: 2, y: 3}\n  x: 4\n")
        XCTAssertEqual(doc.duplicateKeys, [])
        XCTAssertEqual(doc.root?["c"]?["x"]?.scalar?.resolved, .integer(4))
        XCTAssertEqual(doc.root?["c"]?["y"]?.scalar?.resolved, .integer(3))
    }

    /// A merged key is overridden only by the same characters, the rule
    /// repeated keys follow: the two spellings of "é" are two keys.
    func testMergeOverridesOnlyTheSameCharacters() throws {
        let doc = try loadYAML("b: &b {\"\u{E9}\": merged, x: 1}\nc:\n  <<: *b\n  \"e\u{301}\": own\n  x: 2\n")
        let pairs = try XCTUnwrap(doc.root?["c"]?.mapping)
        XCTAssertEqual(pairs.map { $0.key.scalar?.text }, ["\u{E9}", "e\u{301}", "x"])
        XCTAssertEqual(pairs.map { $0.value.scalar?.text }, ["merged", "own", "2"])
    }

    func testSameKeyInDifferentMappingsIsNoDuplicate() throws {
        let doc = try loadYAML("a: {x: 1}\nb: {x: 2}\n")
        XCTAssertEqual(doc.duplicateKeys, [])
    }
}

final class YAMLTypingTests: XCTestCase {
    private func resolve(_ text: String) throws -> YAMLResolvedValue? {
        try loadYAML("v: \(text)\n").root?["v"]?.scalar?.resolved
    }

    func testYAML11Table() throws {
        let table: [(String, YAMLResolvedValue)] = [
            ("~", .null), ("null", .null), ("Null", .null), ("NULL", .null), ("", .null),
            ("nul", .string("nul")), ("nULL", .string("nULL")),
            ("yes", .bool(true)), ("Y", .bool(true)), ("on", .bool(true)), ("On", .bool(true)),
            ("TRUE", .bool(true)), ("no", .bool(false)), ("n", .bool(false)), ("OFF", .bool(false)),
            ("False", .bool(false)), ("oN", .string("oN")), ("yess", .string("yess")),
            ("0", .integer(0)), ("42", .integer(42)), ("-17", .integer(-17)), ("+5", .integer(5)),
            ("1_000", .integer(1000)), ("010", .integer(8)), ("0o17", .integer(15)),
            ("0x1F", .integer(31)), ("-0x10", .integer(-16)), ("0b101", .integer(5)),
            ("09", .string("09")), ("0x", .string("0x")), ("0xG", .string("0xG")),
            ("1.10", .float(1.1)), ("-2.5", .float(-2.5)), (".5", .float(0.5)), ("1.", .float(1)),
            ("1.5e3", .float(1500)), ("6.02E+23", .float(6.02e23)), ("1_0.5", .float(10.5)),
            (".inf", .float(.infinity)), ("-.Inf", .float(-.infinity)), ("+.INF", .float(.infinity)),
            ("1e5", .string("1e5")), (".", .string(".")), ("+", .string("+")), ("1.2.3", .string("1.2.3")),
            ("1:30", .string("1:30")), ("hello", .string("hello")), ("Привет", .string("Привет")),
            ("9223372036854775807", .integer(Int.max)), ("-9223372036854775808", .integer(Int.min)),
            ("99999999999999999999", .float(1e20)), ("0xFFFFFFFFFFFFFFFFF", .string("0xFFFFFFFFFFFFFFFFF")),
            ("\"yes\"", .string("yes")), ("'010'", .string("010")), ("!!str on", .string("on")),
            ("!!bool yes", .bool(true)), ("!!null ''", .null), ("!!int 1.5", .string("1.5")),
        ]
        for (text, expected) in table {
            XCTAssertEqual(try resolve(text), expected, "for \(text)")
        }
        let nan = try resolve(".nan")
        guard case .float(let value)? = nan else { return XCTFail("\(String(describing: nan))") }
        XCTAssertTrue(value.isNaN)
    }

    func testTextIsKeptAsWritten() throws {
        let doc = try loadYAML("a: 1.10\nb: 010\nc: no\n")
        XCTAssertEqual(doc.root?.mapping?.map { $0.value.scalar?.text }, ["1.10", "010", "no"])
        XCTAssertEqual(doc.root?["a"]?.scalar?.style, .plain)
    }
}

final class YAMLHostileInputTests: XCTestCase {
    private func assertQuick(_ text: String, errorAt expected: SourceLocation, file: StaticString = #filePath, line: UInt = #line) {
        let started = Date()
        let error = yamlError(text, file: file, line: line)
        XCTAssertLessThan(Date().timeIntervalSince(started), 1, file: file, line: line)
        XCTAssertEqual(error?.location, expected, file: file, line: line)
        XCTAssertEqual(error?.message, "the document nests deeper than 128 levels", file: file, line: line)
    }

    func testDeepFlowSequenceStopsAtLevel129() {
        assertQuick(String(repeating: "[", count: 100_000), errorAt: loc(1, 129))
    }

    func testDeepFlowMappingStopsAtLevel129() {
        assertQuick(String(repeating: "{a: ", count: 100_000), errorAt: loc(1, 1 + 128 * 4))
    }

    func testDeepBlockNestingStopsAtLevel129() {
        assertQuick(String(repeating: "- ", count: 100_000) + "x\n", errorAt: loc(1, 1 + 128 * 2))
        var text = ""
        for level in 0..<200 { text += String(repeating: " ", count: level) + "a:\n" }
        assertQuick(text, errorAt: loc(129, 129))
    }

    func testNesting128DeepIsAccepted() throws {
        let text = String(repeating: "[", count: 128) + String(repeating: "]", count: 128)
        var node = try loadYAML(text).root
        var depth = 0
        while let items = node?.sequence { depth += 1; node = items.first }
        XCTAssertEqual(depth, 128)
    }

    func testInvalidUTF8IsReportedAtItsByte() {
        let bytes = Array("a: б\nb: x".utf8) + [0xFF] + Array("\n".utf8)
        let error = yamlError(bytes)
        XCTAssertEqual(error?.message, "the file is not UTF-8 text (invalid byte 0xFF)")
        XCTAssertEqual(error?.location, loc(2, 5))
    }

    func testWindows1251TextIsNotUTF8() {
        // "Привет" in Windows-1251.
        let error = yamlError(Array("t: ".utf8) + [0xCF, 0xF0, 0xE8, 0xE2, 0xE5, 0xF2])
        XCTAssertEqual(error?.message, "the file is not UTF-8 text (invalid byte 0xCF)")
        XCTAssertEqual(error?.location, loc(1, 4))
    }

    func testOverlongSurrogateAndTruncatedSequencesAreRefused() {
        XCTAssertEqual(yamlError([0x61, 0xC0, 0x80])?.location, loc(1, 2))
        XCTAssertEqual(yamlError([0x61, 0xED, 0xA0, 0x80])?.location, loc(1, 2))
        XCTAssertEqual(yamlError([0x61, 0x0D, 0x0A, 0x62, 0xE2, 0x82])?.location, loc(2, 2))
        XCTAssertEqual(yamlError([0xF4, 0x90, 0x80, 0x80])?.message, "the file is not UTF-8 text (invalid byte 0xF4)")
    }

    func testNULByteIsRefused() {
        let error = yamlError(Array("a: 1\nb: ".utf8) + [0] + Array("\n".utf8))
        XCTAssertEqual(error?.location, loc(2, 4))
        XCTAssertTrue(error?.message.contains("NUL") ?? false)
    }

    func testControlCharacterIsLibyamlsReaderError() {
        let error = yamlError(Array("a: 1\nb: x".utf8) + [0x07])
        XCTAssertEqual(error?.location, loc(2, 5))
        XCTAssertTrue(error?.message.contains("control characters") ?? false, error?.message ?? "")
    }

    func testTwoDocumentsAreRefused() {
        let error = yamlError("a: 1\n---\nb: 2\n")
        XCTAssertEqual(error?.message, "a script file holds one YAML document")
        XCTAssertEqual(error?.location, loc(2, 1))
    }

    func testOneExplicitDocumentIsFine() throws {
        XCTAssertEqual(try loadYAML("---\na: 1\n...\n").root?["a"]?.scalar?.text, "1")
    }

    func testUnclosedFlowSequenceReportsLibyamlsProblem() {
        let error = yamlError("id: x\nkey: [unclosed\n")
        XCTAssertEqual(error?.location, loc(3, 1))
        XCTAssertEqual(error?.message, "did not find expected ',' or ']' (while parsing a flow sequence that started at 2:6)")
    }

    func testBadIndentationReportsLibyamlsProblem() {
        let error = yamlError("a:\n  b: 1\n c: 2\n")
        XCTAssertEqual(error?.location, loc(3, 2))
        XCTAssertEqual(error?.message, "did not find expected key (while parsing a block mapping that started at 1:1)")
    }

    func testScannerErrorLocation() {
        let error = yamlError("a: 'open\n")
        XCTAssertEqual(error?.location.line, 2)
        XCTAssertTrue(error?.message.contains("end of stream") ?? false, error?.message ?? "")
    }
}

final class YAMLLargeDocumentTests: XCTestCase {
    func testLoaderOnTenThousandNodes() throws {
        var text = "nodes:\n"
        for i in 0..<2_000 {
            text += "  n\(i):\n    say: \"Question number \(i)?\"\n    options: {yes: n\(i + 1), no: end}\n"
        }
        let doc = try YAMLParser.parse(Array(text.utf8))
        XCTAssertEqual(doc.root?["nodes"]?.mapping?.count, 2_000)
        XCTAssertEqual(doc.root?["nodes"]?["n1999"]?["options"]?["yes"]?.start, loc(6_001, 20))
    }
}

final class YAMLScalarLayoutTests: XCTestCase {
    /// A big script's tree holds a scalar for every key and value.
    func testAScalarIs32Bytes() {
        XCTAssertEqual(MemoryLayout<YAMLScalar>.stride, 32)
    }

    func testEveryResolvedValueComesBack() {
        let values: [YAMLResolvedValue] = [
            .null, .bool(true), .bool(false), .integer(0), .integer(-1), .integer(Int.min), .integer(Int.max),
            .float(1.5), .float(-0.0), .float(.infinity), .string("Здравствуйте"),
        ]
        for value in values {
            let text: String
            if case .string(let string) = value { text = string } else { text = "\(value)" }
            let scalar = YAMLScalar(text: text, style: .plain, resolved: value)
            XCTAssertEqual(scalar.resolved, value)
            if case .float(let double) = value { XCTAssertEqual(scalar.resolved, .float(double)) }
        }
        guard case .float(let nan) = YAMLScalar(text: ".nan", style: .plain, resolved: .float(.nan)).resolved else {
            return XCTFail("not a float")
        }
        XCTAssertTrue(nan.isNaN)
    }
}
