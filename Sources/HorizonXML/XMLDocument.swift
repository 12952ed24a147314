/// The result of parsing one document. A document that needed recovery still has a tree;
/// `problems` says what was wrong (feedparser calls such a document "bozo").
public struct XMLDocument: Sendable {
    public var root: XMLElement?
    /// The encoding libxml2 decoded the document from, as it names it (e.g. "UTF-8").
    public var encoding: String?
    /// Why the document is not well-formed; empty when it is.
    public var problems: [String]

    public var isWellFormed: Bool { problems.isEmpty }
}

/// Limits that keep hostile documents from exhausting the machine.
public enum XMLLimits {
    /// Elements nested deeper than this are flattened into their ancestor's text.
    public static let maxDepth = 256
}
