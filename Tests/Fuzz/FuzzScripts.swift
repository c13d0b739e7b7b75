import Foundation

/// The scripts the fuzz targets run against.
enum FuzzScripts {
    /// The documented example (Docs/examples/inbound-order.yaml), read from
    /// the package root, where Scripts/fuzz runs.
    static var example: String {
        guard let data = FileManager.default.contents(atPath: "Docs/examples/inbound-order.yaml") else {
            fatalError("run from the package root: Docs/examples/inbound-order.yaml not found")
        }
        return String(decoding: data, as: UTF8.self)
    }

    /// One question of every type, with the options that change parsing
    /// (bounds, a pattern, choices with labels and keys).
    static let everyQuestionType = """
        callguide: 1
        id: every_type
        version: 1
        title: Every question type
        language: en
        outcomes:
          done: {label: Done, converted: false}
        nodes:
          text:
            ask: "Text?"
          pattern:
            ask: "Code?"
            pattern: "[A-Z]{2}-[0-9]{3,5}"
            message: "two letters, a dash and digits"
          number:
            ask: "Number?"
            type: number
          bounded:
            ask: "Bounded number?"
            type: number
            min: -10.5
            max: 20000
          integer:
            ask: "Integer?"
            type: integer
            min: 0
            max: 99
          yesno:
            ask: "Yes or no?"
            type: yesno
          choice:
            ask: "Choice?"
            type: choice
            options:
              order: Place an order
              question: A question
              complaint: "Жалоба"
          multi:
            ask: "Several?"
            type: multi
            options:
              carpets: Carpets
              floors: Hard floors
              pets: Pet hair
          scale:
            ask: "Scale?"
            type: scale
            min: 1
            max: 5
          nps:
            ask: "NPS?"
            type: nps
          date:
            ask: "Date?"
            type: date
          phone:
            ask: "Phone?"
            type: phone
          email:
            ask: "Email?"
            type: email
          close:
            end: done

        """
}
