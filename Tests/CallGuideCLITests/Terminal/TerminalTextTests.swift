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

/// Bidirectional controls and invisible characters (issue 10, defect 7):
/// text that reads differently from what it is.
final class TerminalTextInvisibleTests: XCTestCase {
    func testBidirectionalControlsAreReplaced() {
        for value in [0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069, 0x200E, 0x200F, 0x061C] {
            let scalar = Unicode.Scalar(value)!
            XCTAssertEqual(TerminalText.sanitize("a\(scalar)b"), "a\u{FFFD}b", String(value, radix: 16))
        }
    }

    func testZeroWidthAndOtherInvisibleCharactersAreReplaced() {
        for value in [0x200B, 0x200C, 0x200D, 0x2060, 0x2061, 0x2064, 0xFEFF, 0x00AD, 0x180E, 0xFFF9, 0xE0041, 0x3164, 0x115F] {
            let scalar = Unicode.Scalar(value)!
            XCTAssertEqual(TerminalText.sanitize("a\(scalar)b"), "a\u{FFFD}b", String(value, radix: 16))
        }
    }

    func testLineAndParagraphSeparatorsAreShownAsLineBreaks() {
        XCTAssertEqual(TerminalText.sanitize("a\u{2028}b\u{2029}c", allowNewlines: true), "a↵b↵c")
    }

    func testVisibleLettersOfEveryScriptAreKept() {
        let text = "Іван Müller שלום مرحبا 日本語 ½ €"
        XCTAssertEqual(TerminalText.sanitize(text), text)
        XCTAssertEqual(TerminalText.forTerminal(text), text)
    }

    func testNoFormatCharacterSurvivesAnywhereInUnicode() {
        let all = String(String.UnicodeScalarView((0...0x10FFFF).compactMap(Unicode.Scalar.init)))
        for safe in [TerminalText.sanitize(all), TerminalText.forTerminal(all)] {
            let left = safe.unicodeScalars.filter {
                $0.properties.generalCategory == .format || ($0.value < 0x20 && $0 != "\n") || (0x7F...0x9F).contains($0.value)
                    || $0.value == 0x2028 || $0.value == 0x2029
            }
            XCTAssertEqual(left.map { String($0.value, radix: 16) }, [])
        }
    }
}

/// What StandardOutput sends a terminal: callguide's own colours and nothing
/// else that a terminal interprets.
final class TerminalTextForTerminalTests: XCTestCase {
    func testOwnStyleSequencesPassAndLineBreaksAreKept() {
        let style = TerminalStyle(usesColor: true)
        let text = style.bold("Card") + "\n" + style.dim("d") + style.red("r") + style.green("g") + style.yellow("y") + style.cyan("c") + "\n"
        XCTAssertEqual(TerminalText.forTerminal(text), text)
    }

    func testEveryOtherEscapeSequenceIsNeutralized() {
        let hostile = "\u{1b}]52;c;cHduZWQ=\u{7}\u{1b}[2J\u{1b}[31;1mx\u{1b}[?1049h\u{1b}[1\u{1b}"
        let safe = TerminalText.forTerminal(hostile)
        XCTAssertFalse(safe.unicodeScalars.contains("\u{1b}"), safe)
        XCTAssertEqual(safe, "^[]52;c;cHduZWQ=^G^[[2J^[[31;1mx^[[?1049h^[[1^[")
    }

    func testCarriageReturnsCannotOverwriteALine() {
        XCTAssertEqual(TerminalText.forTerminal("ok\r\nsafe\rEVIL"), "ok\nsafe^MEVIL")
    }

    func testBidirectionalOverrideInOutputIsReplaced() {
        XCTAssertEqual(TerminalText.forTerminal("invoice\u{202E}fdp.exe\n"), "invoice\u{FFFD}fdp.exe\n")
    }
}
