import Foundation
import HorizonParse
import Testing

@Suite("Feed dates")
struct FeedDateTests {
    static let cases: [(String, Date?)] = [
        ("Tue, 03 Jun 2025 09:15:00 +0100", utc(2025, 6, 3, 8, 15)),
        ("Tue, 03 Jun 2025 09:15:00 GMT", utc(2025, 6, 3, 9, 15)),
        ("03 Jun 2025 09:15:00 UT", utc(2025, 6, 3, 9, 15)),
        ("Tue, 3 Jun 2025 09:15 EST", utc(2025, 6, 3, 14, 15)),
        ("Tue, 03 Jun 25 09:15:00 PDT", utc(2025, 6, 3, 16, 15)),
        ("Thu, 01 Jan 04 19:48:21 Z", utc(2004, 1, 1, 19, 48, 21)),
        ("Mon, 26 Jan 2004 16:31:00 A", utc(2004, 1, 26, 15, 31)),
        ("Wed, 02 Oct 2002 13:00:00 -05:00", utc(2002, 10, 2, 18)),
        ("2025-06-03T09:15:00Z", utc(2025, 6, 3, 9, 15)),
        (
            "2025-06-03T09:15:00.123+01:00",
            Date(timeIntervalSince1970: utc(2025, 6, 3, 8, 15).timeIntervalSince1970 + 0.123)
        ),
        ("2025-06-03T09:15+01:00", utc(2025, 6, 3, 8, 15)),
        ("2025-06-03 09:15:00", utc(2025, 6, 3, 9, 15)),
        ("2025-06-03", utc(2025, 6, 3)),
        ("2025-06", utc(2025, 6, 1)),
        ("20250603T091500Z", utc(2025, 6, 3, 9, 15)),
        ("8/21/2018 9:00:00 AM", utc(2018, 8, 21, 9)),
        ("8/21/2018 9:05:00 PM", utc(2018, 8, 21, 21, 5)),
        ("12/1/2018 12:30 AM", utc(2018, 12, 1, 0, 30)),
        ("21/08/2018 14:00", utc(2018, 8, 21, 14)),
        ("lundi 3 juin 2025 09:15:00 +0200", utc(2025, 6, 3, 7, 15)),
        ("1er févr. 2025", utc(2025, 2, 1)),
        ("Dienstag, 3. Juni 2025 09:15:00 +0200", utc(2025, 6, 3, 7, 15)),
        ("3. März 2025", utc(2025, 3, 3)),
        ("martes, 3 de junio de 2025 09:15:00 GMT", utc(2025, 6, 3, 9, 15)),
        ("3 dic 2025", utc(2025, 12, 3)),
        ("dinsdag 3 juni 2025 09:15", utc(2025, 6, 3, 9, 15)),
        ("3 mrt 2025", utc(2025, 3, 3)),
        ("Sat, 21 Aug 2018 9:00:00 pm GMT", utc(2018, 8, 21, 21)),
        ("not a date", nil),
        ("13/13/2018", nil),
        ("8/21/2018 13:00 PM", nil),
        ("", nil),
        ("2025-02-30T00:00:00Z", nil),
        ("Tue, 32 Jun 2025 09:15:00 GMT", nil),
    ]

    @Test(
        "RFC 822 and ISO 8601 variants, US numeric dates with AM/PM, French, German, Spanish and Dutch names",
        arguments: cases)
    func parses(_ text: String, _ expected: Date?) {
        #expect(FeedDate.parse(text) == expected)
    }
}
