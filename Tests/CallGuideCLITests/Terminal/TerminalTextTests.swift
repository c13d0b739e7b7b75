import CallGuideCLI
import XCTest

final class TerminalTextTests: XCTestCase {
    func testPlainTextIsUnchanged() {
        XCTAssertEqual(TerminalText.sanitize("Jean-Luc Müller, 12 rue de l'Église 🙂"),
                       "Jean-Luc Müller, 12 rue de l'Église 🙂")
    }

    func testEscapeSequencesLoseTheirIntroducer() {
        let hostile = "\u{1b}[2J\u{1b}]0;pwned\u{7}name"
        let safe = TerminalText.sanitize(hostile)
        XCTAssertEqual(safe, "^[[2J^[]0;pwned^Gname")
        XCTAssertFalse(safe.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) })
    }

    func testC0ControlsUseCaretNotationAndDEL() {
        XCTAssertEqual(TerminalText.sanitize("a\u{0}b\u{8}c\rd\u{7F}"), "a^@b^Hc^Md^?")
    }

    func testC1ControlsIncludingEightBitCSIAreReplaced() {
        XCTAssertEqual(TerminalText.sanitize("x\u{9B}31my\u{85}"), "x\u{FFFD}31my\u{FFFD}")
    }

    func testTabsBecomeSpaces() {
        XCTAssertEqual(TerminalText.sanitize("a\tb"), "a b")
    }

    func testNewlinesAreShownUnlessAllowed() {
        XCTAssertEqual(TerminalText.sanitize("line 1\nline 2\r\nline 3"), "line 1↵line 2↵line 3")
        XCTAssertEqual(TerminalText.sanitize("line 1\nline 2\r\nline 3", allowNewlines: true), "line 1\nline 2\nline 3")
        XCTAssertEqual(TerminalText.sanitize("over\rwrite", allowNewlines: true), "over^Mwrite")
    }
}

final class TerminalStyleTests: XCTestCase {
    func testPlainStyleReturnsTextUnchanged() {
        let style = TerminalStyle.plain
        for helper in [style.bold, style.dim, style.red, style.yellow, style.green, style.cyan] {
            XCTAssertEqual(helper("text"), "text")
        }
    }

    func testColourStyleWrapsInSGRAndResets() {
        let style = TerminalStyle(usesColor: true)
        XCTAssertEqual(style.bold("b"), "\u{1b}[1mb\u{1b}[0m")
        XCTAssertEqual(style.red("r"), "\u{1b}[31mr\u{1b}[0m")
        XCTAssertEqual(style.cyan("c"), "\u{1b}[36mc\u{1b}[0m")
    }

    func testNoColourWhenOutputIsNotATerminal() {
        var fds: [Int32] = [0, 0]
        XCTAssertEqual(pipe(&fds), 0)
        defer { close(fds[0]); close(fds[1]) }
        XCTAssertFalse(TerminalStyle.detect(fd: fds[1], environment: ["TERM": "xterm"]).usesColor)
    }

    func testColourOnATerminalUnlessNoColorIsSet() throws {
        let (master, slavePath) = try openPseudoTerminalPair()
        defer { close(master) }
        let slave = open(slavePath, O_RDWR | O_NOCTTY)
        XCTAssertGreaterThanOrEqual(slave, 0)
        defer { close(slave) }
        XCTAssertTrue(TerminalStyle.detect(fd: slave, environment: ["TERM": "xterm"]).usesColor)
        XCTAssertTrue(TerminalStyle.detect(fd: slave, environment: ["NO_COLOR": ""]).usesColor,
                      "an empty NO_COLOR does not disable colour")
        XCTAssertFalse(TerminalStyle.detect(fd: slave, environment: ["NO_COLOR": "1"]).usesColor)
        XCTAssertFalse(TerminalStyle.detect(fd: slave, environment: ["TERM": "dumb"]).usesColor)
    }
}

final class TerminalTextExhaustiveTests: XCTestCase {
    func testNoLatin1ControlCharacterSurvives() {
        let everyLowScalar = String(String.UnicodeScalarView((0...0xFF).compactMap(Unicode.Scalar.init)))
        for allowNewlines in [false, true] {
            let safe = TerminalText.sanitize(everyLowScalar, allowNewlines: allowNewlines)
            let controls = safe.unicodeScalars.filter {
                ($0.value < 0x20 && !(allowNewlines && $0 == "\n")) || (0x7F...0x9F).contains($0.value)
            }
            XCTAssertEqual(controls.count, 0, "allowNewlines: \(allowNewlines)")
        }
    }
}
