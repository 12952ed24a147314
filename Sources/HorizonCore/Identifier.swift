/// A reference that names one innovation's evidence or standing: a trial registration, a paper, a
/// NICE guidance or an NIHR award.
public struct Identifier: Codable, Sendable, Hashable {
    public enum Kind: String, Codable, Sendable, CaseIterable {
        case nct, isrctn, euct, doi, pmid, pmcid, nice, nihr
    }

    public var type: Kind
    /// The canonical form: `NCT04368728`, `10.1136/bmj.n71` (lower-cased), `TA943`.
    public var value: String
    /// Where a person reads it.
    public var url: String

    public init(type: Kind, value: String) {
        self.type = type
        self.value = value
        url = Identifier.url(type, value)
    }

    static func url(_ type: Kind, _ value: String) -> String {
        switch type {
        case .nct: "https://clinicaltrials.gov/study/\(value)"
        case .isrctn: "https://www.isrctn.com/\(value)"
        case .euct:
            value.split(separator: "-").count == 4
                ? "https://euclinicaltrials.eu/ctis-public/view/\(value)"
                : "https://www.clinicaltrialsregister.eu/ctr-search/search?query=\(value)"
        case .doi: "https://doi.org/\(value)"
        case .pmid: "https://pubmed.ncbi.nlm.nih.gov/\(value)/"
        case .pmcid: "https://www.ncbi.nlm.nih.gov/pmc/articles/\(value)/"
        case .nice: "https://www.nice.org.uk/guidance/\(value.lowercased())"
        case .nihr: "https://fundingawards.nihr.ac.uk/award/\(value)"
        }
    }
}
