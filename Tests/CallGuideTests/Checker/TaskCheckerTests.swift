@testable import CallGuide
import XCTest

/// What the decoder and checker say about `task:`, `transfer:`, `last.*`,
/// `task.*`, `card.calls` and the names version 1.1 reserves (workflow,
/// section 2).
final class TaskCheckerTests: XCTestCase {
    private func found(_ yaml: String, knownScripts: Set<String>? = nil) -> [String] {
        var configuration = WorkspaceConfiguration()
        configuration.knownScriptIDs = knownScripts
        return ScriptLoader.load(Array(yaml.utf8), configuration: configuration).diagnostics.map {
            "\($0.code.rawValue) \($0.location.line):\($0.location.column) \($0.message)\($0.hint.map { " | " + $0 } ?? "")"
        }
    }

    private func script(nodes: String, extra: String = "") -> String {
        "callguide: 1\nid: follow_up\n\(extra)nodes:\n" + nodes
    }

    func testACleanTaskScriptChecksClean() throws {
        let yaml = script(nodes: """
              budget: {ask: Budget?, type: number}
              when_to_call:
                ask: When shall we call you back?
                type: datetime
                task:
                  kind: callback
                  due: answer
                  to: call.operator
                  script: follow_up
                  note: "Budget {budget}, last time {last.budget}, {card.calls} calls, task {task.kind}"
              send:
                say: I'll send the proposal.
                task: {kind: todo, due: "add_days(today(), 1)", group: sales}
              done:
                end: transferred
                transfer: {group: senior, script: follow_up}
            """)
        XCTAssertEqual(found(yaml, knownScripts: ["follow_up"]), [])
        let loaded = try XCTUnwrap(ScriptLoader.load(Array(yaml.utf8)).checked)
        XCTAssertEqual(loaded.lastNamesUsed, ["budget"])
        XCTAssertEqual(loaded.scriptReferences.map(\.id), ["follow_up", "follow_up"])
        XCTAssertEqual(loaded.node("send")?.task?.kind, .todo)
        XCTAssertEqual(loaded.node("send")?.task?.group, "sales")
        XCTAssertEqual(loaded.node("done")?.transfer?.group, "senior")
    }

    func testATaskWithoutDueIsReported() {
        XCTAssertEqual(found(script(nodes: """
              a:
                say: Hi
                task: {note: call back}
              e: {end: done}
            """)), ["E002 6:11 the task of 'a' has no 'due': say when it is due, e.g. due: add_days(today(), 1) or due: answer"])
    }

    func testDueMustBeADateOrADatetime() {
        XCTAssertEqual(found(script(nodes: """
              name: {ask: Name?}
              budget: {ask: Budget?, type: number}
              a:
                say: Hi
                task: {due: name}
              b:
                say: Hi
                task: {due: budget + 1}
              c:
                say: Hi
                task: {due: "'soon'"}
              ok1: {say: Hi, task: {due: "today() + 'T10:00'"}}
              ok2: {say: Hi, task: {due: "'2027-01-05'"}}
              e: {end: done}
            """)), [
                "E009 8:17 a task's 'due' must be a date or a datetime, but this is a text | e.g. due: add_days(today(), 1), or the answer of a date or datetime question",
                "E009 11:17 a task's 'due' must be a date or a datetime, but this is a number | e.g. due: add_days(today(), 1), or the answer of a date or datetime question",
                "E009 14:18 a task's 'due' must be a date or a datetime, but this is a text | e.g. due: add_days(today(), 1), or the answer of a date or datetime question",
            ])
    }

    func testToMustBeTextAndNotBesideGroup() {
        XCTAssertEqual(found(script(nodes: """
              agree: {ask: OK?, type: yesno}
              a:
                say: Hi
                task: {due: today(), to: agree}
              b:
                say: Hi
                task: {due: today(), to: call.operator, group: senior}
              e: {end: done}
            """)), [
                "E009 7:30 a task's 'to' must be an operator's name (a text), but this is true/false",
                "E002 10:52 the task of 'b' has both 'to' and 'group': give one of them",
            ])
    }

    func testUnknownNamesInTasksGetSuggestions() {
        XCTAssertEqual(found(script(nodes: """
              budget: {ask: Budget?, type: number}
              a:
                say: "{task.nots}"
                task: {due: "add_days(today(), task.atempts)", note: "{budgt}"}
              e: {end: done}
            """)), [
                "E008 6:12 unknown field 'task.nots'; task has kind, note, attempts, due | did you mean 'task.note'?",
                "E008 7:36 unknown field 'task.atempts'; task has kind, note, attempts, due | did you mean 'task.attempts'?",
                "E008 7:60 unknown name 'budgt' | did you mean 'budget'?",
            ])
    }

    func testUnknownTaskKeysAndKindsAndTransferOffEndNodes() {
        XCTAssertEqual(found(script(nodes: """
              a:
                say: Hi
                task: {kind: callbak, due: today(), assigne: anna}
                transfer: senior
              e: {end: done}
            """)), [
                "E002 6:18 unknown task kind 'callbak'; a task is a callback, a transfer or a todo | did you mean 'callback'?",
                "E003 6:41 unknown key 'assigne' in the task of 'a'",
                "E003 7:5 'transfer' does not belong on a 'say' node ('a')",
            ])
    }

    func testTaskKindIsComparedWithItsKinds() {
        XCTAssertEqual(found(script(nodes: """
              a:
                when: task.kind == 'calback'
                say: Hi
              e: {end: done}
            """)), ["E009 5:24 'task.kind' has no option 'calback' | did you mean 'callback'?"])
    }

    func testLastIsTypedAsTheNodeHereElseAsText() {
        XCTAssertEqual(found(script(nodes: """
              budget: {ask: Budget?, type: number}
              a:
                when: last.budget > 100 and last.colour == 'red' and card.calls >= 2 and task.attempts < 3
                say: Hi
              b:
                when: last.budget == 'lots'
                say: Hi
              e: {end: done}
            """)), ["E009 9:23 cannot compare a number with a text"])
    }

    func testLastAndTaskAreNamesOnlyWithAField() {
        XCTAssertEqual(found(script(nodes: """
              a:
                when: task == null
                say: Hi
              e: {end: done}
            """)), ["E007 5:11 'task' is reserved: write 'task.' and a field, e.g. task.note"])
    }

    func testVersionOneNamesThatAreNowReservedAreRefused() {
        XCTAssertEqual(found(script(nodes: """
              last:
                ask: Last name?
              task: {say: Hi}
              e: {end: done}
            """, extra: "variables:\n  calls: 0\ncard:\n  calls: integer\n")), [
                "E002 4:3 'calls' is reserved since version 1.1 (last.NODE, task.FIELD, card.calls) and cannot be a variable name; rename it",
                "E002 6:3 'calls' is reserved since version 1.1 (last.NODE, task.FIELD, card.calls) and cannot be a card field name; rename it",
                "E002 8:3 'last' is reserved since version 1.1 (last.NODE, task.FIELD, card.calls) and cannot be a node id; rename it",
                "E002 10:3 'task' is reserved since version 1.1 (last.NODE, task.FIELD, card.calls) and cannot be a node id; rename it",
            ])
    }

    func testAnUnknownScriptIsAWarningOnlyWhenTheWorkspaceIsKnown() {
        let yaml = script(nodes: """
              a:
                say: Hi
                task: {due: today(), script: proposl}
              e:
                end: done
                transfer: {group: senior, script: proposal}
            """)
        XCTAssertEqual(found(yaml), [])
        XCTAssertEqual(found(yaml, knownScripts: ["proposal", "inbound"]), [
            "W108 6:34 there is no script 'proposl' in the workspace (yet): a task for it cannot be worked until there is | did you mean 'proposal'?",
        ])
    }

    func testTransferNeedsAGroup() {
        XCTAssertEqual(found(script(nodes: """
              e:
                end: done
                transfer: {script: follow_up}
            """)), ["E002 6:15 'transfer' needs 'group': the group of operators the call is handed to"])
    }
}

extension TaskCheckerTests {
    /// Once per node: the note reads it too.
    func testATaskReadingAMaybeUnansweredQuestionIsW104() {
        XCTAssertEqual(found(script(nodes: """
              when_to_call:
                ask: When?
                type: date
                optional: true
                task: {due: when_to_call}
              book:
                say: Booked.
                task: {due: when_to_call, note: "{when_to_call}"}
              done: {end: ok}
            """)).map { String($0.prefix(10)) }, ["W104 11:17"])
    }
}
