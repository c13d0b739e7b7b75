import CallGuide
import Foundation
import XCTest
@testable import CallGuideCLI

final class TranscriptFileTests: XCTestCase {
    private var directory = ""

    override func setUpWithError() throws {
        directory = NSTemporaryDirectory() + "callguide-transcript-\(UUID().uuidString)"
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: directory)
    }

    private let start = CallStart(
        call: "c-1", script: "upsell", version: .string("2"), scriptSHA256: "ff", operator: "olena",
        language: nil, today: "2026-11-23", card: nil, cardData: ["name": .string("Іван")])

    private func fixedClock() -> Date { Date(timeIntervalSince1970: 1_795_436_118.123) }

    private func mode(of path: String) throws -> Int {
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        return (attributes[.posixPermissions] as? NSNumber)?.intValue ?? -1
    }

    func testCreatesFileAndParentsOwnerOnly() throws {
        let path = directory + "/calls/2026/c-1.jsonl"
        let writer = try TranscriptFileWriter(path: path, clock: fixedClock)
        XCTAssertEqual(try mode(of: path), 0o600)
        XCTAssertEqual(try mode(of: directory + "/calls/2026"), 0o700)
        XCTAssertEqual(try mode(of: directory + "/calls"), 0o700)
        writer.close()
    }

    func testEachAppendIsOnDiskAtOnce() throws {
        let path = directory + "/c-1.jsonl"
        let writer = try TranscriptFileWriter(path: path, clock: fixedClock)
        let events: [CallEvent] = [
            .start(start), .ask(node: "budget", text: "Budget?"),
            .answer(node: "budget", input: "0,3", value: .number(Decimal(string: "0.3")!)),
        ]
        for (index, event) in events.enumerated() {
            let line = try writer.append(event)
            XCTAssertEqual(line.seq, index)
            let document = try TranscriptFileReader.read(path: path)
            XCTAssertEqual(document.lines.map(\.event), Array(events.prefix(index + 1)))
            XCTAssertEqual(document.lines.last?.line.time, "2026-11-23T12:15:18.123Z")
        }
        let text = try String(contentsOfFile: path, encoding: .utf8)
        XCTAssertTrue(text.hasSuffix("\"value\":0.3}\n"), text)
        XCTAssertEqual(writer.nextSeq, 3)
    }

    func testNeverOverwritesAnExistingCall() throws {
        let path = directory + "/c-1.jsonl"
        let writer = try TranscriptFileWriter(path: path)
        try writer.append(.start(start))
        XCTAssertThrowsError(try TranscriptFileWriter(path: path)) { error in
            let fileError = error as? TranscriptFileError
            XCTAssertEqual(fileError?.path, path)
            XCTAssertEqual(fileError?.message, "cannot create: File exists")
        }
        XCTAssertEqual(try TranscriptFileReader.read(path: path).lines.count, 1)
    }

    func testResumeContinuesSeq() throws {
        let path = directory + "/c-1.jsonl"
        do {
            let writer = try TranscriptFileWriter(path: path, clock: fixedClock)
            try writer.append(.start(start))
            try writer.append(.ask(node: "budget", text: "Budget?"))
        }
        let before = try TranscriptFileReader.read(path: path)
        XCTAssertFalse(before.hasEnd)
        let writer = try TranscriptFileWriter(path: path, mode: .resume(nextSeq: before.nextSeq), clock: fixedClock)
        try writer.append(.answer(node: "budget", input: "5", value: .number(5)))
        try writer.append(.end(CallEnd(node: nil, outcome: "done", answers: [(node: "budget", value: .number(5))], cardChanges: [])))
        let after = try TranscriptFileReader.read(path: path)
        XCTAssertEqual(after.lines.map(\.line.seq), [0, 1, 2, 3])
        XCTAssertTrue(after.hasEnd)
        XCTAssertEqual(try mode(of: path), 0o600)
    }

    func testResumeCutsOffATornLine() throws {
        let path = directory + "/c-1.jsonl"
        do {
            let writer = try TranscriptFileWriter(path: path, clock: fixedClock)
            try writer.append(.start(start))
        }
        let handle = try XCTUnwrap(FileHandle(forWritingAtPath: path))
        handle.seekToEndOfFile()
        handle.write(Data(#"{"seq":1,"t":"2026-11"#.utf8))
        handle.closeFile()
        let torn = try TranscriptFileReader.read(path: path)
        XCTAssertTrue(torn.tornLastLine)
        XCTAssertEqual(torn.nextSeq, 1)

        let writer = try TranscriptFileWriter(path: path, mode: .resume(nextSeq: torn.nextSeq), clock: fixedClock)
        try writer.append(.note(text: "resumed"))
        let resumed = try TranscriptFileReader.read(path: path)
        XCTAssertFalse(resumed.tornLastLine)
        XCTAssertEqual(resumed.lines.map(\.event), [.start(start), .note(text: "resumed")])
        XCTAssertEqual(resumed.lines.map(\.number), [1, 2])
    }

    func testResumingAMissingFileFails() {
        XCTAssertThrowsError(try TranscriptFileWriter(path: directory + "/none.jsonl", mode: .resume(nextSeq: 3))) { error in
            XCTAssertEqual((error as? TranscriptFileError)?.message, "cannot open: No such file or directory")
        }
    }

    func testReaderErrorsNameTheFileAndLine() throws {
        let path = directory + "/bad.jsonl"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let good = TranscriptCodec.encode(TranscriptLine(seq: 0, time: "t", event: .start(start)))
        try (good + "\n{\"seq\":1}\n" + good + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try TranscriptFileReader.read(path: path)) { error in
            XCTAssertEqual((error as? TranscriptFileError)?.description, "\(path):2: line has no 't'")
        }
        XCTAssertThrowsError(try TranscriptFileReader.read(path: directory + "/missing.jsonl")) { error in
            XCTAssertEqual((error as? TranscriptFileError)?.description,
                           "\(directory)/missing.jsonl: no such file")
        }
    }

    func testClosedWriterRefusesToAppend() throws {
        let writer = try TranscriptFileWriter(path: directory + "/c.jsonl")
        writer.close()
        XCTAssertThrowsError(try writer.append(.note(text: "x")))
    }
}
