import CallGuide
import Foundation
import XCTest

/// The task messages an operator reads (`next` with nothing due, the task's
/// banner, what became of it, a task booked) speak the screen's language:
/// here Russian, from `ui_language: ru` in callguide.yaml.
final class TaskMessagesRussianEndToEndTests: XCTestCase {
    func testNextAndTheTaskCallSpeakRussian() throws {
        let workspace = try TaskWorkspace.make(settings: TaskWorkspace.settings + "\nui_language: ru")
        defer { workspace.remove() }
        let nothing = try workspace.run(["next"])
        XCTAssertEqual(nothing.status, 0, nothing.stderr)
        XCTAssertEqual(nothing.stdout, "Для anna (группы: sales) дел нет: открытых перезвонов и переводов нет.\n")

        _ = try workspace.run(["task", "add", "C000001", "--due", "+1 09:00", "--script", "follow_up"])
        let later = try workspace.run(["next"])
        let tomorrow = CalendarDate(instant: Date(), in: TimeZone(identifier: "Europe/Kyiv")!).adding(days: 1)!
        XCTAssertEqual(later.stdout, "Для anna (группы: sales) сейчас нет задач, срок которых наступил. Следующая задача, T000001 (callback для C000001): срок наступит \(tomorrow) 09:00.\n")

        _ = try workspace.run(["task", "add", "C000001", "--due", "today", "--script", "follow_up", "--note", "КП отправлено"])
        let retried = try workspace.run(["next"], input: ":hangup no_answer\n")
        XCTAssertEqual(retried.status, 0, retried.stderr)
        XCTAssertTrue(retried.stdout.contains("Задача T000002: callback, срок \(CalendarDate(instant: Date(), in: TimeZone(identifier: "Europe/Kyiv")!)), попытка 1"), retried.stdout)
        XCTAssertTrue(retried.stdout.contains("  Заметка: КП отправлено"), retried.stdout)
        XCTAssertTrue(retried.stdout.contains("Задача T000002: no_answer, повторим "), retried.stdout)
        XCTAssertTrue(retried.stdout.contains("(сделана попытка 1 из 2)."), retried.stdout)
        XCTAssertFalse(retried.stdout.contains("Task "), "no English task line: \(retried.stdout)")

        _ = try workspace.run(["task", "add", "C000001", "--due", "today", "--script", "follow_up"])
        let done = try workspace.run(["next"], input: "yes\n")
        XCTAssertEqual(done.status, 0, done.stderr)
        XCTAssertTrue(done.stdout.contains("Задача T000003 выполнена."), done.stdout)
        XCTAssertFalse(done.stdout.contains("Task "), "no English task line: \(done.stdout)")
    }
}
