/// A document still being built, as the building thread sees it between
/// two chunks of events: every node built so far, and the complete pairs of
/// one watched mapping that is still open. It lets that thread use the time
/// it would spend waiting for libyaml (see `YAMLParser.parse(_:limits:reading:watching:whileWaiting:)`).
///
/// Only valid while the callback that receives it runs: it shares the
/// builder's arrays, and keeping any of its nodes or slices alive would make
/// the builder copy them on its next append.
struct YAMLPartialView {
    /// The open mapping under the watched key of the root mapping.
    struct OpenMapping {
        /// Where the mapping starts: tells one mapping from another.
        let start: SourceLocation
        /// Its complete pairs so far: key and value node indices,
        /// alternating. Merge keys (`<<`) are not among them: a mapping's
        /// merged pairs are only placed when it ends.
        let links: ArraySlice<Int32>
    }

    let storage: YAMLStorage
    let openMapping: OpenMapping?

    func node(_ index: Int32) -> YAMLNode { YAMLNode(storage, index) }
}
