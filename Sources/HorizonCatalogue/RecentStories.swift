import Foundation

/// The recent stories layer 3 compares a new entry with: their fingerprints with each word as a
/// dense number, how many stories use each word (for weighting words by rarity), and which stories
/// use each title word (to find candidates). Everything the comparison reads is an array.
struct RecentStories: Sendable {
    /// One story: where its words lie in the shared pools (so that reading them copies nothing).
    struct Story: Sendable {
        /// The catalogue index of the item.
        let item: Int
        /// Title words of three letters or more, then all content words, as sorted word numbers in `pool`.
        let title: Range<Int>
        let words: Range<Int>
        /// Its numbers, sorted, in `numberPool`.
        let numbers: Range<Int>
    }

    private var pool: [Int32] = []
    private var numberPool: [UInt64] = []
    /// Feeds beyond the first, by story slot.
    private var moreFeeds: [Int32: [Int32]] = [:]

    private var wordNumbers = WordNumbers()
    private var counts: [Int32] = []
    private var postings: [[Int32]] = []
    private var stories: [Story] = []
    /// Story slot by catalogue index (-1: none).
    private var slotOfItem: [Int32] = []
    private var feedNumbers: [String: Int32] = [:]
    /// The last feed looked up, and its number: a run adds a feed's entries one after another.
    private var lastFeed: (name: String, number: Int32)?
    /// `log(c + 1)` by count `c`, grown as needed.
    private var logs: [Double] = []
    /// Per story slot: the last query that listed it (to gather candidates without a set).
    private var marks: [UInt32] = []
    /// Each story's primary date (published, else first seen, in seconds since 1970) and first feed
    /// (its other feeds are in `moreFeeds`), by slot, apart from the rest: most candidates are ruled
    /// out by these alone, and small arrays stay in the cache.
    private var dates: [Double] = []
    private var firstFeeds: [Int32] = []
    private var query: UInt32 = 0

    var count: Int { stories.count }
    private mutating func number(_ word: UInt64) -> Int32 {
        if let known = wordNumbers.find(word) { return known }
        let number = Int32(counts.count)
        wordNumbers.insert(word, number)
        counts.append(0)
        postings.append([])
        return number
    }

    /// The feed's number, given on first sight.
    private mutating func feedNumber(_ feed: String) -> Int32 {
        let number: Int32
        if let known = knownFeedNumber(feed) {
            number = known
        } else {
            number = Int32(feedNumbers.count)
            feedNumbers[feed] = number
        }
        lastFeed = (feed, number)
        return number
    }

    /// The feed's number if it has one: the table is looked in only when the feed changes, which is
    /// once per feed in a run.
    private func knownFeedNumber(_ feed: String) -> Int32? {
        if let last = lastFeed, last.name == feed { return last.number }
        return feedNumbers[feed]
    }

    private func slot(ofItem item: Int) -> Int32? {
        item < slotOfItem.count && slotOfItem[item] >= 0 ? slotOfItem[item] : nil
    }

    /// Adds a story to compare later entries with.
    mutating func add(item: Int, fingerprint: StoryFingerprint, date: Date, feeds: [String]) {
        let slot = Int32(stories.count)
        var title = fingerprint.titleWords.map { number($0) }
        SmallSort.sort(&title)
        var words = fingerprint.words.map { number($0) }
        SmallSort.sort(&words)
        for word in title { postings[Int(word)].append(slot) }
        for word in words { counts[Int(word)] += 1 }
        let titleStart = pool.count
        pool += title
        let wordsStart = pool.count
        pool += words
        let numbersStart = numberPool.count
        numberPool += fingerprint.numbers
        let numbers = feeds.map { feedNumber($0) }
        stories.append(
            Story(
                item: item, title: titleStart..<wordsStart, words: wordsStart..<pool.count,
                numbers: numbersStart..<numberPool.count))
        if numbers.count > 1 { moreFeeds[slot] = Array(numbers.dropFirst()) }
        if item >= slotOfItem.count { slotOfItem += repeatElement(-1, count: item + 1 - slotOfItem.count) }
        slotOfItem[item] = slot
        marks.append(0)
        dates.append(date.timeIntervalSince1970)
        firstFeeds.append(numbers.first ?? -1)
    }

    /// Another feed joined the item; its primary date may have moved.
    mutating func joined(item: Int, feed: String, date: Date) {
        guard let slot = slot(ofItem: item) else { return }
        let number = feedNumber(feed)
        moreFeeds[slot, default: []].append(number)
        dates[Int(slot)] = date.timeIntervalSince1970
    }

    private mutating func logOf(_ count: Int32) -> Double {
        while logs.count <= Int(count) { logs.append(log(Double(logs.count + 1))) }
        return logs[Int(count)]
    }

    /// The recent story from another feed that `fingerprint` tells again, within `window` seconds
    /// of `date`, and how alike; nil when none is the same story.
    mutating func sameStory(as fingerprint: StoryFingerprint, feed: String, date: Date, window: Double) -> (
        item: Int, similarity: Double
    )? {
        let total = Double(max(1, stories.count))
        let rare = max(20, Int(total / 300))
        let logTotal = log(total + 1)
        var title: [Int32] = []
        for word in fingerprint.titleWords { if let known = wordNumbers.find(word) { title.append(known) } }
        SmallSort.sort(&title)
        // Candidates share a title word that few recent stories use (a name, a drug, a place).
        query &+= 1
        if query == 0 {
            for index in marks.indices { marks[index] = 0 }
            query = 1
        }
        // Only stories within the window, and from other feeds, are candidates.
        let feedNumber = knownFeedNumber(feed) ?? -2
        let seconds = date.timeIntervalSince1970
        var candidates: [Int32] = []
        for word in title where postings[Int(word)].count <= rare {
            for slot in postings[Int(word)] where marks[Int(slot)] != query {
                marks[Int(slot)] = query
                guard abs(dates[Int(slot)] - seconds) <= window, firstFeeds[Int(slot)] != feedNumber else { continue }
                candidates.append(slot)
            }
        }
        // Most entries have no candidate: their other words are never looked up.
        guard !candidates.isEmpty else { return nil }
        SmallSort.sort(&candidates)
        // The entry's words: known ones by number, unknown ones only add to its own weight.
        var words: [Int32] = []
        var unknownWeight = 0.0
        for word in fingerprint.words {
            if let known = wordNumbers.find(word) { words.append(known) } else { unknownWeight += 1 + logTotal }
        }
        SmallSort.sort(&words)
        // Each word's weight: 1 + log((stories + 1) / (count + 1)).
        for word in words { _ = logOf(counts[Int(word)]) }
        var ownWeight = unknownWeight
        for word in words { ownWeight += 1 + logTotal - logs[Int(counts[Int(word)])] }
        var best: (item: Int, similarity: Double)?
        for slot in candidates {
            if let more = moreFeeds[slot], more.contains(feedNumber) { continue }
            let story = stories[Int(slot)]
            if !fingerprint.numbers.isEmpty && !story.numbers.isEmpty
                && !StoryFingerprint.intersects(fingerprint.numbers, Array(numberPool[story.numbers]))
            {
                continue
            }
            // Weighted Jaccard: shared / (own + other's − shared).
            var shared = 0.0
            var other = 0.0
            var i = 0
            for position in story.words {
                let word = pool[position]
                let count = Int(counts[Int(word)])
                if count >= logs.count { _ = logOf(Int32(count)) }
                let weight = 1 + logTotal - logs[count]
                other += weight
                while i < words.count && words[i] < word { i += 1 }
                if i < words.count && words[i] == word { shared += weight }
            }
            let all = ownWeight + other - shared
            let similarity = all == 0 ? 0 : shared / all
            guard similarity >= StoryFingerprint.threshold else { continue }
            if similarity < StoryFingerprint.strong {
                var sharedRare = 0
                var j = 0
                for position in story.title {
                    let word = pool[position]
                    while j < title.count && title[j] < word { j += 1 }
                    if j < title.count && title[j] == word && postings[Int(word)].count <= rare { sharedRare += 1 }
                }
                guard sharedRare >= 2 else { continue }
            }
            if similarity > (best?.similarity ?? 0) { best = (story.item, similarity) }
        }
        return best
    }
}

/// Word hashes to dense numbers: open addressing, the slot chosen from the hash itself (Fibonacci
/// hashing), which is cheaper than hashing a hash again as `Dictionary` does.
struct WordNumbers: Sendable {
    private var keys = [UInt64](repeating: 0, count: 1 << 16)
    private var values = [Int32](repeating: 0, count: 1 << 16)
    private var shift = 64 - 16
    private var count = 0

    /// 0 marks an empty slot: a word whose hash is 0 is stored under another constant.
    private static func stored(_ key: UInt64) -> UInt64 { key == 0 ? 0x9E37_79B9_7F4A_7C15 : key }

    private func slot(_ key: UInt64) -> Int { Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> UInt64(shift)) }

    func find(_ word: UInt64) -> Int32? {
        let key = WordNumbers.stored(word)
        let mask = keys.count - 1
        var index = slot(key)
        while true {
            let found = keys[index]
            if found == key { return values[index] }
            if found == 0 { return nil }
            index = (index + 1) & mask
        }
    }

    mutating func insert(_ word: UInt64, _ value: Int32) {
        if (count + 1) * 2 > keys.count { grow() }
        let key = WordNumbers.stored(word)
        let mask = keys.count - 1
        var index = slot(key)
        while keys[index] != 0 && keys[index] != key { index = (index + 1) & mask }
        if keys[index] == 0 { count += 1 }
        keys[index] = key
        values[index] = value
    }

    private mutating func grow() {
        let (oldKeys, oldValues) = (keys, values)
        keys = [UInt64](repeating: 0, count: oldKeys.count * 2)
        values = [Int32](repeating: 0, count: oldKeys.count * 2)
        shift -= 1
        count = 0
        for (key, value) in zip(oldKeys, oldValues) where key != 0 { insert(key, value) }
    }
}
