import XCTest
@testable import CallGuide

/// W106: writes to `card.phone` and `card.id` must come from a question the
/// trainer marked as the client's own (`tags: [client_phone]`, `client_id`).
final class ClientKeyWritesTests: XCTestCase {
    private func w106(_ nodes: String) -> [String] {
        let yaml = "callguide: 1\nid: t\nvariables: {other: null}\nnodes:\n" + nodes + "\n  done: {end: ok}\n"
        let result = ScriptLoader.load(Array(yaml.utf8))
        XCTAssertEqual(result.errors.map(\.message), [], yaml)
        return result.diagnostics.filter { $0.code == .W106 }.map { "\($0.location.line):\($0.location.column) \($0.message)" }
    }

    func testSaveFromAnUntaggedQuestionWarns() {
        let found = w106("  courier: {ask: Courier number?, type: phone, save: card.phone}")
        XCTAssertEqual(found.count, 1)
        XCTAssertTrue(found.first?.hasPrefix("5:54 card.phone is written from the answer to 'courier'") == true, "\(found)")
    }

    func testTaggedQuestionIsTheClientsOwn() {
        XCTAssertEqual(w106("  own: {ask: Your number?, type: phone, tags: [client_phone], save: card.phone}"), [])
        XCTAssertEqual(w106("  own: {ask: Your number?, type: phone, tags: [client_phone]}\n  copy: {set: {card.phone: own}}"), [])
        XCTAssertEqual(w106("  own: {ask: Card id?, tags: [client_id], save: card.id}"), [])
    }

    func testSetWarnsUnlessEveryQuestionReadIsTagged() {
        let fromCourier = w106("  courier: {ask: Courier?, type: phone}\n  copy: {set: {card.phone: courier}}")
        XCTAssertEqual(fromCourier.count, 1, "\(fromCourier)")
        XCTAssertTrue(fromCourier.first?.contains("card.phone is written from 'courier'") == true, "\(fromCourier)")
        let ownAnswer = w106("  courier: {ask: Courier?, type: phone, set: {card.phone: answer}}")
        XCTAssertTrue(ownAnswer.first?.contains("written from 'courier'") == true, "\(ownAnswer)")
        let literal = w106("  fix: {set: {card.phone: \"'+70000000000'\"}}")
        XCTAssertTrue(literal.first?.contains("written from ''+70000000000''") == true, "\(literal)")
        // A phone tag does not cover the id, nor the other way round.
        XCTAssertEqual(w106("  own: {ask: Your number?, tags: [client_phone], save: card.id}").count, 1)
    }

    func testOtherFieldsAndVariablesAreNotConcerned() {
        XCTAssertEqual(w106("  name: {ask: Name?, save: card.name}\n  courier: {ask: Courier?, type: phone, save: other}"), [])
    }
}
