import Foundation

/// A sample inbound-order call for the example script: what the demo plays
/// when nobody types, and what `init` records as its sample transcript.
enum DemoAnswers {
    static func lines(deliveryDate: String) -> [String] {
        [
            "1",                        // reason: place an order
            "Olga",                     // customer_name
            "Bosch BGL3",               // previous_model
            "carpets, pets",            // used_most
            "quiet, handles pet hair",  // what_matters
            "!price",                   // the customer objects to the price
            "yes",                      // loyalty: bought before
            "450",                      // budget, asked again after the handler
            "yes",                      // accept_recommendation
            "yes",                      // upsell_filters
            "?how long delivery",       // the customer asks a typical question
            deliveryDate,               // delivery_date
            "12 Lenina St, flat 5",     // address
            ":skip",                    // entrance: none
            "+7 912 000-11-22",         // phone: the courier calls her husband
            ":note prefers a morning delivery",
            "9",                        // nps
        ]
    }

    /// Two days after `date`, `YYYY-MM-DD`: a valid delivery day.
    static func deliveryDate(after date: Date = Date()) -> String {
        CallIdentity.localDate(date.addingTimeInterval(2 * 24 * 3600))
    }
}
