public import HorizonCore

/// Reads where a story puts its innovation in the lifecycle, from the words health news uses for
/// each stage: "trial will recruit" (research), "results published in" (evidence), "MHRA approval"
/// (regulatory), "NICE recommends" (guidance), "awarded £2m" (funding), "went live at" (adoption),
/// "rolled out across England" (spread).
///
/// Each phrase adds its weight once (twice as much in the title); identifiers add theirs (a trial
/// registration is research, a paper evidence, NICE guidance guidance). The stage with the most
/// weight wins when it has at least 2; a tie goes to the later stage, since a story about a later
/// stage usually retells the earlier ones ("NICE recommends X after a trial showed ...").
public enum StageReader {
    public static func stage(title: String, summary: String, identifiers: [Identifier] = []) -> LifecycleStage {
        stage(title: Words(title), summary: Words(summary), identifiers: identifiers)
    }

    static func stage(title: Words, summary: Words, identifiers: [Identifier]) -> LifecycleStage {
        var weights = [Double](repeating: 0, count: LifecycleStage.allCases.count)
        func add(_ stage: LifecycleStage, _ weight: Double) { weights[stage.ordinal] += weight }
        for (text, factor) in [(title, 2.0), (summary, 1.0)] {
            var counted = [Bool](repeating: false, count: cueList.count)
            text.words.withUnsafeBufferPointer { words in
                for i in words.indices {
                    guard words[i].flags & Words.cue != 0, let range = cueStarts[words[i].hash] else { continue }
                    for n in range where !counted[n] {
                        let cue = cueList[n]
                        guard i + cue.hashes.count <= words.count,
                            cue.hashes.indices.allSatisfy({ words[i + $0].hash == cue.hashes[$0] })
                        else { continue }
                        counted[n] = true
                        add(cue.stage, cue.weight * factor)
                    }
                }
            }
        }
        for kind in Set(identifiers.map(\.type)) {
            switch kind {
            case .nct, .isrctn, .euct: add(.research, 1)
            case .doi, .pmid, .pmcid: add(.evidence, 1)
            case .nice: add(.guidance, 2)
            case .nihr: add(.funding, 1)
            }
        }
        var best = LifecycleStage.other
        var bestWeight = 1.99
        for stage in LifecycleStage.allCases where stage != .other {
            let weight = weights[stage.ordinal]
            if weight > bestWeight || (weight == bestWeight && weight > 0 && stage > best) {
                best = stage
                bestWeight = weight
            }
        }
        return best
    }

    struct Cue: Sendable {
        var words: [String]
        /// FNV-1a of each word, as `Words.Word.hash` has it: a story's words are compared by hash.
        var hashes: [UInt64]
        var stage: LifecycleStage
        var weight: Double
    }

    /// Every cue, those with the same first word together.
    static let cueList: [Cue] = cues.flatMap { stage, entries in
        entries.map {
            let words = $0.0.split(separator: " ").map(String.init)
            return Cue(words: words, hashes: words.map(Words.hash), stage: stage, weight: $0.1)
        }
    }.sorted { $0.words[0] < $1.words[0] }

    /// Where the cues of each first word lie in `cueList`, by the word's hash.
    static let cueStarts: [UInt64: Range<Int>] = {
        var starts: [UInt64: Range<Int>] = [:]
        for (n, cue) in cueList.enumerated() {
            let first = cue.hashes[0]
            starts[first] = (starts[first]?.lowerBound ?? n)..<(n + 1)
        }
        return starts
    }()

    /// Phrases and their weights: 3 settles it, 2 is strong, 1 needs company.
    static let cues: [(LifecycleStage, [(String, Double)])] = [
        (
            .research,
            [
                ("clinical trial", 2), ("trial", 1), ("trials", 1), ("randomised", 2), ("randomized", 2),
                ("recruiting", 2), ("recruit", 1), ("enrol", 2), ("enrolled", 1), ("enrolling", 2),
                ("first patient", 2), ("phase 1", 2), ("phase 2", 2), ("phase 3", 2), ("phase i", 2),
                ("phase ii", 2), ("phase iii", 2), ("will test", 2), ("will assess", 2), ("will evaluate", 2),
                ("will investigate", 2), ("will explore", 1), ("will examine", 2), ("will compare", 2),
                ("being tested", 2), ("is testing", 1), ("are testing", 1), ("under way", 1), ("underway", 1),
                ("feasibility study", 2), ("study will", 2), ("trial will", 2), ("research project", 1),
                ("participants", 1), ("volunteers", 1), ("registered", 1), ("launches trial", 2), ("trial begins", 3),
                ("trial starts", 3), ("trial launched", 3), ("trial launches", 3), ("study launched", 2),
                ("study begins", 3), ("researchers", 0.5), ("investigate", 1), ("recruitment to", 1),
                ("early-stage", 1), ("proof of concept", 2), ("prototype", 2),
            ]
        ),
        (
            .evidence,
            [
                ("results", 2), ("found that", 2), ("findings", 2), ("published in", 3), ("study found", 3),
                ("study shows", 3), ("study showed", 3), ("trial found", 3), ("trial showed", 3), ("showed", 1),
                ("shows", 1), ("found", 1), ("reduced", 1), ("reduction", 1), ("improved", 1), ("evaluation", 2),
                ("evaluated", 1), ("evidence", 1), ("data show", 2), ("data showed", 2), ("meta-analysis", 3),
                ("systematic review", 3), ("peer-reviewed", 2), ("journal", 2), ("lancet", 2), ("bmj", 1),
                ("nejm", 2), ("jama", 2), ("nature medicine", 2), ("real-world", 1), ("outcomes", 1),
                ("effective", 1), ("effectiveness", 2), ("cost-effective", 1), ("independent evaluation", 3),
                ("were less likely", 2), ("were more likely", 2), ("fewer", 1), ("per cent", 0.5), ("percent", 0.5),
                ("analysis", 1), ("conference", 1), ("presented at", 2), ("paper", 1), ("cut", 0.5),
            ]
        ),
        (
            .regulatory,
            [
                ("mhra", 2), ("fda", 2), ("approval", 1.5), ("approved", 0.5), ("approves", 0.5), ("clearance", 3),
                ("cleared", 2), ("ce mark", 3), ("ce marking", 3), ("ce-marked", 3), ("ukca", 3),
                ("licence", 2), ("licensed", 2), ("license", 2), ("licensing", 2), ("marketing authorisation", 3),
                ("marketing authorization", 3), ("authorised", 2), ("authorized", 2), ("authorisation", 2),
                ("regulatory", 2), ("regulator", 2), ("breakthrough device", 3), ("de novo", 2), ("510", 1),
                ("class iia", 3), ("class iib", 3), ("medical device certification", 3), ("certified", 1),
                ("ilap", 3), ("innovation passport", 3), ("ema", 2), ("chmp", 3),
            ]
        ),
        (
            .guidance,
            [
                ("nice", 2), ("nice recommends", 3), ("recommended by nice", 3), ("nice has recommended", 3),
                ("nice guidance", 3), ("draft guidance", 3), ("final guidance", 3), ("early value assessment", 3),
                ("technology appraisal", 3), ("guideline", 2), ("guidelines", 2), ("guidance", 2),
                ("recommends", 1), ("recommended", 1), ("recommendation", 1), ("national guidance", 3),
                ("medtech innovation briefing", 3), ("appraisal", 2), ("standard of care", 1),
                ("national screening committee", 3), ("green light", 1),
            ]
        ),
        (
            .funding,
            [
                ("funding", 2), ("funded", 2), ("fund", 1), ("award", 1), ("awarded", 2), ("grant", 2),
                ("investment", 2), ("invest", 1), ("invests", 2), ("raised", 1), ("raises", 2), ("series a", 3),
                ("series b", 3), ("seed round", 3), ("funding round", 3), ("procurement", 2), ("procured", 2),
                ("contract", 2), ("tender", 2), ("framework agreement", 3), ("commissioned", 1), ("backed by", 1),
                ("million", 1), ("investors", 2), ("secured", 1), ("secures", 2), ("wins", 1), ("won", 1),
                ("sbri", 3), ("small business research initiative", 3),
            ]
        ),
        (
            .adoption,
            [
                ("pilot", 2), ("piloted", 2), ("piloting", 2), ("pilots", 2), ("go-live", 3), ("goes live", 3),
                ("went live", 3), ("gone live", 3), ("live at", 1), ("launched", 1), ("launches", 1), ("launch", 1),
                ("introduced", 2), ("introduces", 2), ("deployed", 2), ("deploys", 2), ("implemented", 2),
                ("implementation", 1), ("adopted", 2), ("adopts", 2), ("first trust", 3), ("first hospital", 3),
                ("now available", 2), ("available to patients", 2), ("begins using", 3), ("started using", 3),
                ("is using", 2), ("are using", 2), ("now using", 3), ("uses", 1), ("trialled", 1), ("trialling", 1),
                ("trials", 0.5), ("local", 1), ("our patients", 1), ("rolled out at", 3), ("rolled out in", 2),
                ("roll out at", 2), ("introduce", 1), ("new service", 1), ("has started", 1), ("began", 1),
            ]
        ),
        (
            .spread,
            [
                ("national rollout", 3), ("national roll-out", 3), ("nationwide", 3), ("across england", 3),
                ("across the country", 3), ("across the nhs", 3), ("across the uk", 3), ("every trust", 3),
                ("all trusts", 3), ("every icb", 3), ("all icbs", 3), ("rolled out nationally", 3),
                ("national programme", 2), ("scale up", 2), ("scaled up", 2), ("scaling", 2), ("expanded to", 2),
                ("expand to", 2), ("more areas", 2), ("every region", 3), ("all regions", 3), ("spread", 2),
                ("further areas", 2), ("regions", 1), ("nhs england", 1), ("national", 1), ("england-wide", 3),
                ("uk-wide", 3), ("country", 1), ("rolled out across", 3), ("roll out across", 3),
                ("rollout across", 3), ("roll-out across", 3), ("all areas", 2), ("every area", 2),
                ("integrated care boards", 1), ("every integrated care system", 3), ("integrated care systems", 1),
                ("expand across", 3), ("expanded across", 3), ("extended across", 3), ("every ics", 3),
                ("systems", 0.5), ("nationally", 2), ("more than", 0.5),
            ]
        ),
    ]
}
