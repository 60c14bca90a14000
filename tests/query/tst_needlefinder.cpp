// NeedleFinder (both vector kernels) against a plain byte-by-byte search: needles of 1 to 40 bytes, letters
// and look-alikes that differ only in bit 0x20 ('@' and '`', '[' and '{'), matches at the very start and end
// of the buffer, and one match kept per line.
#include "models/query/needlefinder.h"

#include <QRandomGenerator>
#include <QtTest>

using namespace vigil;

namespace {
char lowerAscii(char c) {
    return c >= 'A' && c <= 'Z' ? char(c + 32) : c;
}

// Every match start in [0, limit), by brute force.
std::vector<std::uint64_t> allMatches(const std::string& hay, const std::string& needle, bool caseSensitive) {
    std::vector<std::uint64_t> out;
    for (std::size_t i = 0; i + needle.size() <= hay.size(); ++i) {
        bool ok = true;
        for (std::size_t k = 0; k < needle.size() && ok; ++k)
            ok = caseSensitive ? hay[i + k] == needle[k] : lowerAscii(hay[i + k]) == lowerAscii(needle[k]);
        if (ok) out.push_back(i);
    }
    return out;
}
} // namespace

class TestNeedleFinder : public QObject {
    Q_OBJECT
  private Q_SLOTS:
    void findsWhatABruteForceSearchFinds() {
        QRandomGenerator rng(7);
        const char alphabet[] = "aAbB@`[{\n xyZ0";
        for (int round = 0; round < 800; ++round) {
            std::string hay(rng.bounded(1, 700), ' ');
            for (char& c : hay)
                c = alphabet[rng.bounded(int(sizeof alphabet - 1))];
            const std::size_t n = round % 2 ? rng.bounded(1, 6) : rng.bounded(1, 40); // short and long
            const std::size_t at = rng.bounded(int(hay.size()));
            std::string needle = hay.substr(at, n);
            if (needle.empty()) continue;
            for (int variant = 0; variant < 4; ++variant) {
                const bool caseSensitive = variant & 1;
                // The AVX2 kernel where the CPU has it, and the SSE2 one every x86-64 has.
                const NeedleFinder finder(needle, caseSensitive,
                                          variant & 2 ? NeedleFinder::Kernel::Baseline
                                                      : NeedleFinder::Kernel::Best);
                const auto expected = allMatches(hay, needle, caseSensitive);
                const char* hit = finder.find(hay.data(), hay.data() + hay.size(), hay.data() + hay.size());
                QCOMPARE(hit ? std::int64_t(hit - hay.data()) : -1,
                         expected.empty() ? -1 : std::int64_t(expected.front()));
                // One per line: the first match of each line that has one (needles without a newline).
                if (needle.find('\n') != std::string::npos) continue;
                MatchOffsets perLine, want;
                finder.findPerLine(hay.data(), hay.size(), hay.size(), 100, perLine);
                std::size_t lastLine = std::string::npos;
                for (std::uint64_t m : expected) {
                    const std::size_t nl = m == 0 ? std::string::npos : hay.rfind('\n', m - 1);
                    const std::size_t line = nl == std::string::npos ? 0 : nl + 1;
                    if (line == lastLine) continue;
                    want.push_back(m + 100);
                    lastLine = line;
                }
                QCOMPARE(perLine, want);
            }
        }
    }

    void respectsTheStartLimit() {
        const std::string hay = "xx needle yy needle";
        const NeedleFinder finder("NEEDLE", false);
        MatchOffsets found;
        finder.findPerLine(hay.data(), 3, hay.size(), 0, found); // starts must be < 3
        QVERIFY(found.empty());
        finder.findPerLine(hay.data(), 4, hay.size(), 0, found);
        QCOMPARE(found, MatchOffsets{3});
        QVERIFY(
            !NeedleFinder("needle", true).find(hay.data() + 14, hay.data() + 19, hay.data() + hay.size()));
    }
};

QTEST_APPLESS_MAIN(TestNeedleFinder)
#include "tst_needlefinder.moc"
