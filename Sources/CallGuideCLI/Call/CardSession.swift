import CallGuide

// Temporary until the card store lands.
struct CardSession {
    var cardID: String?
    var cardData: [String: Value]
    static func open(key: String?, databasePath: String, configuration: WorkspaceConfiguration?) throws(CommandError) -> CardSession? { nil }
    static func resume(cardID: String?, cardData: [String: Value], databasePath: String, configuration: WorkspaceConfiguration?) throws(CommandError) -> CardSession? { nil }
    func show(presenter: CallPresenter) {}
}

enum CallRecorder {
    static func store(_ session: CallSession, end: CallEnd, loaded: LoadedScript, transcript: String, started: Date, cardSession: CardSession?, databasePath: String) {}
}

import Foundation
