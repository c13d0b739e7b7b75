import CallGuide
import CallGuideStore
import Foundation

/// Hidden (`callguide __store-calls N --db PATH [--operator NAME]`): stores N
/// synthetic calls, each in its own transaction and each changing one shared
/// card, so tests can run several writer processes against one database and
/// prove that no call is lost and no writer fails on a busy lock. Not listed
/// in `callguide --help`: it is a test harness, not an operator's command.
enum StoreCallsCommand: Command {
    static let name = "__store-calls"
    static let summary = "store N synthetic calls (test harness)"
    static let help = """
        Usage: callguide __store-calls N --db PATH [--operator NAME]

        Stores N synthetic calls in the database, one transaction each, every
        call changing the region of one shared card (so writers contend).
        Exits 0 when all are stored, 2 with the store's error otherwise.
        """

    /// The shared card's phone: every writer process changes this card.
    static let sharedPhone = "+7 000 000-00-01"

    static func run(_ arguments: [String]) throws(CommandError) -> Int32 {
        let parsed = try ParsedArguments(arguments, command: name, valued: ["db", "operator"], flags: [])
        guard parsed.positionals.count == 1, let count = Int(parsed.positionals[0]), count >= 0 else {
            throw .usage(command: name, message: "give the number of calls to store")
        }
        guard let path = parsed.value("db") else { throw .usage(command: name, message: "give the database with --db PATH") }
        let operatorName = parsed.value("operator") ?? "writer"
        let store = try StoreAccess.open(path, configuration: nil)
        do {
            let shared = try store.findOrCreateByPhone(sharedPhone).card
            for index in 0..<count {
                let now = Date()
                let revision = try store.card(shared.id)?.revision
                let record = CallRecord(
                    id: "\(operatorName)-\(index)-\(CallIdentity.newCallID(at: now))", cardId: shared.id,
                    operator: operatorName, scriptId: "synthetic", startedAt: now, endedAt: now, outcome: "done",
                    answers: [CallRecord.Answer(node: "n", value: .number(Decimal(index)))])
                try store.storeCall(record, cardChanges: ["region": .string("\(operatorName) \(index)")],
                                    cardRevisionAtStart: revision, transitions: nil)
            }
        } catch {
            throw .unusableInput(StoreAccess.describe(error, path: path))
        }
        return 0
    }
}
