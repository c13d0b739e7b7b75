@testable import CallGuide
import XCTest

final class CallSessionBackTests: XCTestCase {
    let script = """
        callguide: 1
        id: back
        variables: {count: 0}
        handlers:
          price: {label: Price objection, start: price_talk}
          delivery: {label: Delivery question, start: delivery_talk}
        nodes:
          a:
            ask: First?
            set: {count: "count + 1"}
            save: card.name
          has_pet: {ask: Any pets?, type: yesno}
          pet_name:
            ask: Pet's name?
            when: has_pet
          budget:
            ask: Budget?
            type: number
            validate:
              - {require: answer >= 100, message: low, soft: true}
            set: {count: "count + 10"}
          remark: {ask: Anything else?}
          e: {end: done}
          price_talk: {say: Let me check}
          loyal: {ask: Bought before?, type: yesno}
          back_to_call: {return: true}
          delivery_talk: {ask: Which city?}
          delivery_back: {return: true}
        """

    /// The state after `:back` must equal the state of a call that never had
    /// the undone inputs.
    private func assertSameState(_ a: CallSession, _ b: CallSession, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(a.answers.map(\.node), b.answers.map(\.node), file: file, line: line)
        XCTAssertEqual(a.answers.map(\.value), b.answers.map(\.value), file: file, line: line)
        XCTAssertEqual(a.variables, b.variables, file: file, line: line)
        XCTAssertEqual(a.cardChanges.map(\.field), b.cardChanges.map(\.field), file: file, line: line)
        XCTAssertEqual(a.prompt, b.prompt, file: file, line: line)
        XCTAssertEqual(a.status, b.status, file: file, line: line)
    }

    func testBackIsAnExactUndo() throws {
        let s = try XCTUnwrap(loadScript(script))
        let undone = runCall(s, ["Ann", "yes", ":back"], endInput: false)
        let never = runCall(s, ["Ann"], endInput: false)
        XCTAssertEqual(undone.events.suffix(2), ["back has_pet", "ask has_pet"])
        assertSameState(undone.session, never.session)
        XCTAssertEqual(undone.session.variables["count"], .number(1))
    }

    func testBackOverWhenSkips() throws {
        let s = try XCTUnwrap(loadScript(script))
        // has_pet = no skips pet_name; :back at budget returns to has_pet.
        let undone = runCall(s, ["Ann", "no", ":back"], endInput: false)
        XCTAssertEqual(undone.events.suffix(4), ["skip pet_name when", "ask budget", "back has_pet", "ask has_pet"])
        assertSameState(undone.session, runCall(s, ["Ann"], endInput: false).session)
        // Answering differently now asks the pet's name.
        let redo = runCall(s, ["Ann", "no", ":back", "yes"], endInput: false)
        XCTAssertEqual(redo.events.last, "ask pet_name")
    }

    func testBackAcrossAHandler() throws {
        let s = try XCTUnwrap(loadScript(script))
        // Enter the price handler at has_pet, answer inside it, return; then :back twice.
        let run = runCall(s, ["Ann", "!price", "yes", ":back"], endInput: false)
        XCTAssertEqual(run.events.suffix(2), ["back loyal", "ask loyal"])
        XCTAssertEqual(run.session.prompt?.handlers, ["price"])
        let twice = runCall(s, ["Ann", "!price", "yes", ":back", ":back"], endInput: false)
        XCTAssertEqual(twice.events.suffix(2), ["back a", "ask a"])
        assertSameState(twice.session, runCall(s, [], endInput: false).session)
    }

    func testNestedHandlersReturnInOrder() throws {
        let s = try XCTUnwrap(loadScript(script))
        let run = runCall(s, ["Ann", "!price", "!delivery", "Kyiv", "no"], endInput: false)
        XCTAssertEqual(run.events, [
            "start", "ask a", "answer a=Ann", "ask has_pet",
            "handler price at has_pet", "say price_talk", "ask loyal",
            "handler delivery at loyal", "ask delivery_talk", "answer delivery_talk=Kyiv", "return loyal", "ask loyal",
            "answer loyal=no", "return has_pet", "ask has_pet",
        ])
    }

    func testSoftWarningThenBack() throws {
        let s = try XCTUnwrap(loadScript(script))
        let run = runCall(s, ["Ann", "no", "50", ":back"], endInput: false)
        XCTAssertEqual(run.events.suffix(5), ["answer budget=50", "warning budget", "ask remark", "back budget", "ask budget"])
        assertSameState(run.session, runCall(s, ["Ann", "no"], endInput: false).session)
        XCTAssertEqual(run.session.variables["count"], .number(1))
    }

    func testBackWithNothingToUndoIsInvalid() throws {
        let s = try XCTUnwrap(loadScript(script))
        XCTAssertEqual(runCall(s, [":back"], endInput: false).events, ["start", "ask a", "invalid a"])
    }

    func testUnknownHandlerIsInvalid() throws {
        let s = try XCTUnwrap(loadScript(script))
        XCTAssertEqual(runCall(s, ["!prise"], endInput: false).events, ["start", "ask a", "invalid a"])
    }
}
