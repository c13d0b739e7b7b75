import CallGuide
import Foundation
import XCTest

/// `callguide run` with piped standard input: what the operator sees and,
/// event by event, what the transcript keeps.
final class EndToEndRunTests: XCTestCase {
    private var sandbox: EndToEndSandbox!

    override func setUpWithError() throws {
        sandbox = try EndToEndSandbox()
    }

    override func tearDown() {
        sandbox = nil
    }

    /// A whole sale through the example script, using every kind of input.
    func testExampleSaleWithEveryKindOfInput() throws {
        let script = try sandbox.exampleScript()
        try FileManager.default.createDirectory(atPath: sandbox.path("calls"), withIntermediateDirectories: false)
        let transcript = sandbox.path("calls/sale.jsonl")
        let tomorrow = LocalDates.dotted(daysFromToday: 1)
        let result = try sandbox.record(script, transcript: transcript, lines: [
            "1",                    // reason: by number
            "Ann",                  // customer_name
            "\\!Bosch BGL3",         // previous_model: '\' escapes the '!'
            "carp, 3",              // used_most: a prefix and a number
            ":note wants it quiet",
            "quiet",                // what_matters
            "lots",                 // budget: not a number
            "80",                   // budget: a soft warning
            ":back",                // undo budget (we are at accept_recommendation)
            "!price",               // handler at budget
            "yes",                  // loyalty -> 10% -> return to budget
            "25 000",               // above max
            "500",                  // budget
            "y",                    // accept_recommendation
            ":skip",                // the offer is required
            "yes",                  // upsell_filters
            LocalDates.iso(daysFromToday: 0),  // hard rule: from tomorrow on
            tomorrow,               // delivery_date
            "Main st 1, flat 2",    // address
            ":skip",                // entrance is optional
            "+1 (555) 123-4567",    // phone
            "11",                   // nps out of range
            "9",                    // nps
        ])

        // What the operator saw.
        let out = result.stdout
        XCTAssertTrue(out.contains("Good afternoon, HomeTech store, my name is \(EndToEndSandbox.operatorName). How can I help you?"), out)
        XCTAssertTrue(out.contains("  1) Place an order  [order]"), out)
        XCTAssertTrue(out.contains("  3) A complaint  [complaint]"), out)
        XCTAssertTrue(out.contains("hint: Complaints go to the service desk; do not argue."), out)
        XCTAssertTrue(out.contains("  ! Below 100 we have only hand-held models: mention that."), out)
        XCTAssertTrue(out.contains("  ✗ "), out)
        XCTAssertTrue(out.contains("Delivery is possible from tomorrow on."), out)
        XCTAssertTrue(out.contains("→ Customer objects to the price (!price)"), out)
        XCTAssertTrue(out.contains("I can offer you 10% off today."), out)
        XCTAssertTrue(out.contains("← back to 'budget'"), out)
        XCTAssertTrue(out.contains("The PetPro 900 handles pet hair and carpets, at 499."), out)
        XCTAssertTrue(out.contains("Shall I place the order for the PetPro 900?"), out)
        XCTAssertTrue(out.contains("Thank you, Ann! Your order is placed. Have a good day."), out)
        XCTAssertTrue(out.contains("Call ended: sale"), out)
        XCTAssertFalse(out.contains("\u{1B}["), "NO_COLOR and a pipe: no escape sequences")
        XCTAssertTrue(result.stderr.contains("Transcript: \(transcript)"), result.stderr)

        // What the transcript kept, event by event.
        let document = try sandbox.transcript(transcript)
        XCTAssertEqual(try sandbox.mode(of: transcript), 0o600)
        XCTAssertFalse(document.tornLastLine)
        XCTAssertTrue(document.hasEnd)
        let iso = LocalDates.iso(daysFromToday: 1)
        XCTAssertEqual(EventSummary.describe(document), [
            "start",
            "say greeting",
            "ask reason", "answer reason=\"order\"",
            "ask customer_name", "answer customer_name=\"Ann\"",
            "ask previous_model", "answer previous_model=\"!Bosch BGL3\"",
            "ask used_most", "answer used_most=[\"carpets\",\"pets\"]",
            "ask what_matters", "note wants it quiet", "answer what_matters=\"quiet\"",
            "ask budget", "invalid budget", "answer budget=80", "warning budget",
            "say recommend_basic", "ask accept_recommendation",
            "back budget", "ask budget",
            "handler price@budget", "say price_objection", "ask loyalty", "answer loyalty=true",
            "say discount_offer", "return budget", "ask budget",
            "invalid budget", "answer budget=500",
            "say recommend_pet", "ask accept_recommendation", "answer accept_recommendation=true",
            "offer upsell_filters", "invalid upsell_filters", "answer upsell_filters=true",
            "ask delivery_date", "invalid delivery_date", "answer delivery_date=\"\(iso)\"", "task callback@delivery_date due \(LocalDates.iso(daysFromToday: 2))",
            "ask address", "answer address=\"Main st 1, flat 2\"",
            "ask entrance", "skip entrance (operator)",
            "ask phone", "answer phone=\"+15551234567\"",
            "say confirm", "ask nps", "invalid nps", "answer nps=9",
            "say close_sale", "end sale@close_sale",
        ])

        // Key values: inputs as typed, errors, the start context.
        let start = try XCTUnwrap(document.start)
        XCTAssertEqual(start.operator, EndToEndSandbox.operatorName)
        XCTAssertEqual(start.script, "inbound_order")
        XCTAssertEqual(start.today, LocalDates.iso(daysFromToday: 0))
        XCTAssertEqual(start.language, "en")
        XCTAssertEqual(document.lines.map(\.line.seq), Array(0..<document.lines.count))
        let inputs = document.lines.compactMap { line -> String? in
            if case .answer(let node, let input, _) = line.event, node == "previous_model" || node == "used_most" { return input }
            return nil
        }
        XCTAssertEqual(inputs, ["\\!Bosch BGL3", "carp, 3"])
        let invalid = document.lines.compactMap { line -> (String, String)? in
            if case .invalid(_, let input, let error) = line.event { return (input, error) }
            return nil
        }
        XCTAssertEqual(invalid.map(\.0), ["lots", "25 000", ":skip", LocalDates.iso(daysFromToday: 0), "11"])
        XCTAssertEqual(invalid[3].1, "Delivery is possible from tomorrow on.")
        XCTAssertTrue(invalid[2].1.contains("cannot be skipped"), invalid[2].1)

        // The end holds the final answers: the undone budget is gone, the
        // skipped entrance is null, the card changes are listed.
        let end = try XCTUnwrap(document.end)
        XCTAssertEqual(EventSummary.answers(of: end), [
            "reason=\"order\"", "customer_name=\"Ann\"", "previous_model=\"!Bosch BGL3\"",
            "used_most=[\"carpets\",\"pets\"]", "what_matters=\"quiet\"", "loyalty=true", "budget=500",
            "accept_recommendation=true", "upsell_filters=true", "delivery_date=\"\(iso)\"",
            "address=\"Main st 1, flat 2\"", "entrance=null", "phone=\"+15551234567\"", "nps=9",
        ])
        XCTAssertEqual(Dictionary(uniqueKeysWithValues: end.cardChanges.map { ($0.field, EventSummary.json($0.value)) }), [
            // A card without a name takes it; the courier's number goes to
            // delivery_phone, never to the client's own phone (issue 16).
            "name": "\"Ann\"", "previous_model": "\"!Bosch BGL3\"", "budget": "500", "delivery_phone": "\"+15551234567\"", "status": "\"active\"",
        ])
        XCTAssertNil(end.reason)
    }

    /// `:hangup REASON` ends the call at once and keeps the answers so far.
    func testHangupWithAReasonKeepsTheAnswers() throws {
        let script = try sandbox.exampleScript()
        let transcript = sandbox.path("hangup.jsonl")
        let result = try sandbox.record(script, transcript: transcript, lines: ["order", "Ann", ":hangup customer had to go", "never read"])
        XCTAssertTrue(result.stdout.contains("Call ended: hangup (customer had to go)"), result.stdout)
        let document = try sandbox.transcript(transcript)
        XCTAssertEqual(EventSummary.describe(document), [
            "start", "say greeting", "ask reason", "answer reason=\"order\"",
            "ask customer_name", "answer customer_name=\"Ann\"", "ask previous_model", "end hangup@previous_model",
        ])
        let end = try XCTUnwrap(document.end)
        XCTAssertEqual(end.reason, "customer had to go")
        XCTAssertEqual(EventSummary.answers(of: end), ["reason=\"order\"", "customer_name=\"Ann\""])
    }

    /// End of input before an `end` node: the call is `abandoned` at the
    /// open question; the transcript goes to the default path, 0600.
    func testEndOfInputAbandonsTheCallAtTheDefaultTranscriptPath() throws {
        let script = try sandbox.exampleScript()
        let result = try sandbox.callguide(["run", script], input: "order\nAnn\n")
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.contains("Call ended: abandoned"), result.stdout)

        let folder = sandbox.path("transcripts/\(LocalDates.iso(daysFromToday: 0))")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".jsonl") }
        XCTAssertEqual(files.count, 1, "\(files)")
        let path = folder + "/" + (files.first ?? "")
        XCTAssertTrue(result.stderr.contains("Transcript: "), result.stderr)
        XCTAssertEqual(try sandbox.mode(of: path), 0o600)
        let document = try sandbox.transcript(path)
        XCTAssertEqual(EventSummary.describe(document), [
            "start", "say greeting", "ask reason", "answer reason=\"order\"",
            "ask customer_name", "answer customer_name=\"Ann\"", "ask previous_model", "end abandoned@previous_model",
        ])
        let start = try XCTUnwrap(document.start)
        XCTAssertEqual(files.first, "\(start.call).jsonl", "the file is named after the call id")
        XCTAssertEqual(EventSummary.answers(of: try XCTUnwrap(document.end)), ["reason=\"order\"", "customer_name=\"Ann\""])
    }

    /// `--operator` wins over `$CALLGUIDE_OPERATOR`; an option's goto ends
    /// the call through another branch.
    func testOperatorOptionAndAnOptionGoto() throws {
        let script = try sandbox.exampleScript()
        let transcript = sandbox.path("complaint.jsonl")
        let result = try sandbox.callguide(["run", script, "--operator", "Alice", "--transcript", transcript], input: "compl\n")
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.contains("my name is Alice."), result.stdout)
        XCTAssertTrue(result.stdout.contains("I am transferring you to our service desk."), result.stdout)
        let document = try sandbox.transcript(transcript)
        XCTAssertEqual(document.start?.operator, "Alice")
        XCTAssertEqual(EventSummary.describe(document), [
            "start", "say greeting", "ask reason", "answer reason=\"complaint\"", "say complaint_end", "end no_sale@complaint_end",
        ])
    }

    /// A small script of my own: `when` skips, an optional question skipped
    /// by the operator, a handler that ends the call, a bad command, a bad
    /// handler and `:back` with nothing to undo.
    func testInlineScriptSkipsHandlersAndRejections() throws {
        let script = try sandbox.fixture("survey.yaml")
        let transcript = sandbox.path("survey.jsonl")
        let result = try sandbox.record(script, transcript: transcript, lines: [
            ":back",        // nothing to undo
            ":frobnicate",  // unknown command
            "!nope",        // unknown handler
            "maybe",        // not yes/no
            "no",           // is_customer = false -> account is skipped by `when`
            ":skip",        // comment is optional
            "7",            // rating
            "!angry",       // the handler ends the call
        ])
        XCTAssertTrue(result.stdout.contains("unknown command ':frobnicate'"), result.stdout)
        XCTAssertTrue(result.stdout.contains("there is no handler 'nope'"), result.stdout)
        XCTAssertTrue(result.stdout.contains("  (yes/no)"), result.stdout)
        XCTAssertTrue(result.stdout.contains("  (:skip allowed)"), result.stdout)
        XCTAssertTrue(result.stdout.contains("Call ended: escalated"), result.stdout)
        let document = try sandbox.transcript(transcript)
        XCTAssertEqual(EventSummary.describe(document), [
            "start", "say hello", "ask is_customer",
            "invalid is_customer", "invalid is_customer", "invalid is_customer", "invalid is_customer",
            "answer is_customer=false", "skip account (when)",
            "ask comment", "skip comment (operator)",
            "ask rating", "answer rating=7",
            "ask follow_up", "handler angry@follow_up", "say calm_down", "end escalated@escalate",
        ])
        let end = try XCTUnwrap(document.end)
        XCTAssertEqual(EventSummary.answers(of: end), ["is_customer=false", "account=null", "comment=null", "rating=7"])
    }

    /// Input from a Windows file (CR LF) and input that ends at once.
    func testCRLFInputAndEmptyInput() throws {
        let script = try sandbox.exampleScript()
        let crlf = sandbox.path("crlf.jsonl")
        let result = try sandbox.callguide(["run", script, "--transcript", crlf], input: "order\r\nAnn\r\n")
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(try sandbox.transcript(crlf).answerEvents, ["reason=\"order\"", "customer_name=\"Ann\""])

        let empty = sandbox.path("empty.jsonl")
        let nothing = try sandbox.callguide(["run", script, "--transcript", empty], input: "")
        XCTAssertEqual(nothing.status, 0, nothing.stderr)
        XCTAssertTrue(nothing.stdout.contains("  1) Place an order  [order]"), nothing.stdout)
        XCTAssertEqual(EventSummary.describe(try sandbox.transcript(empty)), ["start", "say greeting", "ask reason", "end abandoned@reason"])
    }

    /// An existing transcript is never overwritten; a script with errors is
    /// not run; a missing script is named.
    func testRunRefusesExistingTranscriptsAndBrokenScripts() throws {
        let script = try sandbox.exampleScript()
        let transcript = sandbox.path("once.jsonl")
        try sandbox.record(script, transcript: transcript, lines: ["order"])
        let before = try Data(contentsOf: URL(fileURLWithPath: transcript))
        let again = try sandbox.callguide(["run", script, "--transcript", transcript], input: "order\n")
        XCTAssertEqual(again.status, 2, again.stdout + again.stderr)
        XCTAssertTrue(again.stderr.contains(transcript), again.stderr)
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: transcript)), before, "the first call's transcript was touched")

        let broken = try sandbox.write("broken.yaml", "callguide: 1\nid: broken\nnodes:\n  a:\n    ask: Hi\n    next: nowhere\n")
        let refused = try sandbox.callguide(["run", broken, "--transcript", sandbox.path("never.jsonl")], input: "x\n")
        XCTAssertEqual(refused.status, 2)
        XCTAssertTrue(refused.stderr.contains("[E006]"), refused.stderr)
        XCTAssertTrue(refused.stderr.contains("has 1 error"), refused.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: sandbox.path("never.jsonl")))

        let missing = try sandbox.callguide(["run", sandbox.path("nope.yaml")])
        XCTAssertEqual(missing.status, 2)
        XCTAssertEqual(missing.stderr, "callguide: \(sandbox.path("nope.yaml")): no such file\n")
    }
}
