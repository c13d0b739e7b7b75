import CallGuide

/// The example workspace with modules (Docs/examples/modules/), built into
/// the binary for `init` and `demo`: two call scripts sharing the closing
/// (NPS) and the answers to objections as modules (script language 9.1).
/// A test keeps these texts identical to the files in Docs.
enum DemoWorkspace {
    /// Docs/examples/modules/scripts/inbound-order.yaml
    static let inboundOrder = #"""
# An inbound order call: greeting, reason for the call, needs discovery,
# budget, recommendation, an upsell offer, delivery details, NPS and close.
# The NPS question and the answers to objections are modules shared with
# the centre's other call scripts: operators open the price objection at
# any question with !price (the objections module's handler) and look up
# its typical questions with ?WORDS.
callguide: 1
id: inbound_order
version: 4
title: Inbound order — vacuum cleaners
language: en

use:
  closing: ../shared/closing.yaml        # the NPS question every call closes with
  objections: ../shared/objections.yaml  # answers to objections: !price

variables:
  recommended: null

card:
  budget: number
  previous_model: text
  delivery_phone: phone     # the courier's number: not card.phone, the client's own

outcomes:
  sale: {label: Sale, converted: true}
  no_sale: {label: No sale, converted: false}

nodes:
  greeting:
    say: "Good afternoon, HomeTech store, my name is {call.operator}. How can I help you?"

  reason:
    ask: "What is the reason for the call?"
    type: choice
    options:
      order: Place an order
      question: {label: A question about a product, goto: consult_only}
      complaint: {label: A complaint, goto: complaint_end}
    hint: "Complaints go to the service desk; do not argue."

  customer_name:
    ask: "May I have your name?"
    hint: "How to address the customer; a card's full name is not overwritten."

  name_for_new_card:
    # A silent step: a new card takes the name; a stored full name
    # ("Olga Petrova") is never replaced by a first name ("Olga").
    when: card.name == null
    set: {card.name: customer_name}

  previous_model:
    ask: "Which model did you have before?"
    hint: "Brand and model, e.g. 'Bosch BGL3'. 'none' is fine."
    save: card.previous_model

  used_most:
    ask: "What did you use most?"
    type: multi
    options:
      carpets: Carpets
      floors: Hard floors
      pets: Pet hair
      car: Car interior

  what_matters:
    ask: "What is essential for you when buying a new one, {customer_name}?"
    hint: "Let the customer talk; note the key words."

  budget:
    ask: "What budget do you have in mind?"
    type: number
    min: 50
    max: 20000
    save: card.budget
    validate:
      - require: answer >= 100
        message: "Below 100 we have only hand-held models: mention that."
        soft: true

  recommended_model:
    next:
      - if: budget >= 400 and 'pets' in used_most
        goto: recommend_pet
      - if: budget >= 400
        goto: recommend_premium
      - goto: recommend_basic

  recommend_pet:
    say: "The PetPro 900 handles pet hair and carpets, at 499."
    set: {recommended: "'PetPro 900'"}
    next: accept_recommendation

  recommend_premium:
    say: "The Aero 700 is our quietest model, at 449."
    set: {recommended: "'Aero 700'"}
    next: accept_recommendation

  recommend_basic:
    say: "The Compact 300 fits your budget, at 189."
    set: {recommended: "'Compact 300'"}

  accept_recommendation:
    ask: "Shall I place the order for the {recommended}?"
    type: yesno
    next:
      - if: not accept_recommendation
        goto: no_sale_nps
      - goto: upsell_filters

  upsell_filters:
    offer: "Most customers take a spare set of HEPA filters with it: 12.90 instead of 15. Shall I add them?"
    item: {sku: HEPA-SET, price: 12.90}

  delivery_date:
    ask: "Which day suits you for delivery?"
    type: date
    validate:
      - require: days_between(today(), answer) >= 1
        message: "Delivery is possible from tomorrow on."
    # A callback the day after the delivery: did it arrive, and shall we
    # offer the extended warranty? Booked for this operator, stored with
    # the call; `callguide next` hands it out when it falls due.
    task:
      kind: callback
      due: add_days(answer, 1)
      note: "Did the {recommended} arrive? Offer the extended warranty"

  address:
    ask: "What is the delivery address: street, house, flat?"

  entrance:
    ask: "Entrance code and floor?"
    optional: true
    hint: "Type :skip if there is none."

  phone:
    ask: "Which phone number should the courier call?"
    type: phone
    # Not card.phone: that is the client's own number, by which the next
    # call finds the card; a relative's or an office number would lose it.
    save: card.delivery_phone

  confirm:
    say: "So: the {recommended} on {delivery_date}, to {address}. The courier will call {phone}."

  survey:
    flow: closing           # asks closing.nps, then comes back here
    next: close_sale

  close_sale:
    end: sale
    set: {card.status: "'active'"}
    say: "Thank you, {customer_name}! Your order is placed. Have a good day."

  no_sale_nps:
    ask: "From 0 to 10, how likely are you to recommend us to friends or colleagues?"
    type: nps
    optional: true

  close_no_sale:
    end: no_sale
    say: "Thank you for calling HomeTech. Goodbye!"

  consult_only:
    say: "Let me answer your question. (Use the product FAQ.)"
    next: close_no_sale

  complaint_end:
    end: no_sale
    say: "I am transferring you to our service desk. Thank you for your patience."
"""#

    /// Docs/examples/modules/scripts/delivery-follow-up.yaml
    static let deliveryFollowUp = #"""
# The callback the inbound order books for the day after the delivery: did
# the order arrive, and the extended warranty. It shares the NPS question
# and the answers to objections with inbound-order.yaml.
callguide: 1
id: delivery_follow_up
version: 1
title: Delivery follow-up
language: en

use:
  closing: ../shared/closing.yaml
  objections: ../shared/objections.yaml

outcomes:
  warranty_sold: {label: Warranty sold, converted: true}
  followed_up: {label: Followed up, converted: false}

nodes:
  greeting:
    say: "Good afternoon, this is {call.operator} from HomeTech. I am calling about your delivery."

  arrived:
    ask: "Did everything arrive in good order?"
    type: yesno
    next:
      - if: not arrived
        goto: problem
      - goto: warranty

  problem:
    ask: "What went wrong?"
    hint: "Note the details: the service desk calls back today."
    next: survey

  warranty:
    offer: "We can extend the warranty to five years for 39. Shall I add it?"
    item: {sku: WARRANTY-5Y, price: 39}

  survey:
    flow: closing
    next:
      - if: answered(warranty) and warranty
        goto: sold
      - goto: done

  sold:
    end: warranty_sold
    say: "Thank you! The extended warranty is on your order."

  done:
    end: followed_up
    say: "Thank you for your time. Goodbye!"
"""#

    /// Docs/examples/modules/shared/closing.yaml
    static let closing = #"""
# The close of every call: the NPS question, shared by the centre's call
# scripts (use: closing: ../shared/closing.yaml, then flow: closing).
# Reports read the answer as the call's NPS (closing.nps).
callguide: 1
id: closing
module: true
language: en

nodes:
  nps:
    ask: "Last question: from 0 to 10, how likely are you to recommend us to friends or colleagues?"
    type: nps

  back:
    return: true
"""#

    /// Docs/examples/modules/shared/objections.yaml
    static let objections = #"""
# Answers to the objections customers raise in any call, shared by the
# centre's call scripts (use: objections: ../shared/objections.yaml).
# Operators open one at any question: !price (or !objections.price), and
# look up a typical question with ?WORDS.
callguide: 1
id: objections
module: true
language: en

variables:
  discount: 0

handlers:
  price:
    label: "Customer objects to the price"
    start: price_objection

# Typical questions, shared by every script that uses this module: type
# ?WORDS at any question (?delivery, ?warranty, ?pay card) to see the best
# three with their answers; the question stays open. `callguide report
# faq` counts what customers ask most.
faq:
  - id: delivery_time
    q: "How long does delivery take?"
    a: "One or two working days in the city, three to five elsewhere; the courier calls an hour before."
    tags: [shipping, courier]
  - id: warranty
    q: "Is there a warranty?"
    a: "Two years from the manufacturer on every vacuum cleaner; the extended warranty adds a third year for 29."
    tags: [guarantee, repair]
  - id: payment
    q: "How can I pay?"
    a: "By card or in cash to the courier, or by bank transfer for companies; no prepayment needed."
    tags: [card, cash, invoice]

nodes:
  price_objection:
    say: "I understand. Let me check what discount I can offer."

  loyalty:
    ask: "Have you bought from us before?"
    type: yesno
    next:
      - if: loyalty
        goto: loyal_discount
      - goto: standard_discount

  loyal_discount:
    set: {discount: 10}
    next: discount_offer

  standard_discount:
    set: {discount: 5}

  discount_offer:
    say: "I can offer you {discount}% off today."

  back_to_call:
    return: true
"""#

    /// Each file by its place in a workspace, as `init` lays them out
    /// (the literals above end without the files' last newline).
    static let files: [(path: String, text: String)] = [
        ("scripts/inbound-order.yaml", inboundOrder + "\n"),
        ("scripts/delivery-follow-up.yaml", deliveryFollowUp + "\n"),
        ("shared/closing.yaml", closing + "\n"),
        ("shared/objections.yaml", objections + "\n"),
    ]

    /// The inbound order script linked with its modules, from these texts
    /// (no file is read), for the sample transcript `init` writes.
    static func inboundOrderScript() -> Script? {
        let texts = Dictionary(uniqueKeysWithValues: files.map { ($0.path, $0.text) })
        let library = ModuleLibrary(configuration: nil, read: { path in
            texts[path].map { .success(Array($0.utf8)) } ?? .failure(ModuleReadError(reason: "no such file or folder"))
        })
        return library.load(Array(texts["scripts/inbound-order.yaml"]!.utf8), path: "scripts/inbound-order.yaml").checked
    }
}
