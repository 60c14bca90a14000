// The search over every entry (1 MB blocks of each file, matches mapped to entries by
// offset) against a plain loop over the files it searches: a generated deployment of three
// services with Python tracebacks whose only match is in a continuation line, a match across
// each 1 MB block edge, and a match at the very end of a file without a final newline; case
// sensitive and not, with and without other filters; the memory of its match lists kept for
// the next search. Then a file cut short (copytruncate rotation) while it is being searched:
// no crash, and the entries still there found exactly.

#include "models/exec/executor.h"
#include "models/ingest/faultguard.h"
#include "models/ingest/scanner.h"
#include "models/query/blocksearch.h"
#include "models/query/queryengine.h"
#include "models/query/sparerows.h"
#include "models/query/timeorder.h"

#include <QFile>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QtTest>

#include <atomic>
#include <map>
#include <optional>
#include <set>
#include <thread>

#include <unistd.h>

using namespace vigil;

namespace {

struct RefEntry {
    std::uint64_t offset;
    std::string text; // its lines, continuation lines included
    std::string level;
};

struct RefFile {
    QString path;
    std::string service;
    std::string bytes;
    std::vector<RefEntry> entries;
};

constexpr std::uint64_t kMB = std::uint64_t(1) << 20;

std::string timestamp(int n) {
    return QStringLiteral("2025-11-10 %1:%2:%3,%4")
        .arg(10 + n / 3600000 % 10)
        .arg(n / 60000 % 60, 2, 10, QLatin1Char('0'))
        .arg(n / 1000 % 60, 2, 10, QLatin1Char('0'))
        .arg(n % 1000, 3, 10, QLatin1Char('0'))
        .toStdString();
}

// Python text lines, about 2.6 MB unless asked for more: plain messages, tracebacks, and a
// few planted matches.
RefFile generate(const QString& dir, const std::string& service, quint32 seed,
                 std::uint64_t size = 2 * kMB + 600 * 1024) {
    RefFile file;
    file.service = service;
    file.path = dir + QStringLiteral("/%1/logs/app.log").arg(QString::fromStdString(service));
    QRandomGenerator rng(seed);
    static const char* const messages[] = {
        "GET /health - 200 - 0.012s",
        "Request failed: upstream timed out after 30s",
        "Upstream TIMEOUT talking to llm-gateway",
        "retrying after Timeout (attempt 2)",
        "connection refused by 10.0.0.7:5432",
        "Connection Refused while dialing redis",
        "session opened for user_42",
        "cache warm: 1841 keys",
    };
    static const char* const levels[] = {"INFO", "INFO", "INFO", "WARNING", "ERROR", "DEBUG"};
    std::uint64_t nextEdge = kMB;
    for (int n = 0; file.bytes.size() < size; ++n) {
        const std::string level = levels[rng.bounded(int(std::size(levels)))];
        const std::string head = timestamp(n * 7) + " - [" + service + "] - app.worker - " + level + " - ";
        std::string text;
        const std::uint64_t at = file.bytes.size();
        if (at + head.size() + 400 > nextEdge) {
            // "connection refused" starting 5 bytes before the block edge.
            const std::uint64_t pad = nextEdge - 5 - at - head.size();
            text = head + std::string(pad, 'y') + "connection refused at the edge";
            nextEdge += kMB;
        } else if (rng.bounded(10) == 0) {
            // The first line holds no needle; the exception's lines do.
            text = head + "Request failed\nTraceback (most recent call last):\n"
                          "  File \"/srv/app/main.py\", line 212, in chat_completions\n"
                          "    result = await backend.complete(request)\n";
            text += rng.bounded(2) ? "ConnectionRefusedError: [Errno 111] Connection refused"
                                   : "TimeoutError: upstream timed out after 30s";
        } else {
            text = head + messages[rng.bounded(int(std::size(messages)))];
        }
        file.entries.push_back({at, text, level});
        file.bytes += text + "\n";
    }
    // The last entry ends the file with the needle and no newline.
    const std::string last =
        timestamp(9999999) + " - [" + service + "] - app.worker - ERROR - final connection refused";
    file.entries.push_back({file.bytes.size(), last, "ERROR"});
    file.bytes += last;
    QDir().mkpath(QFileInfo(file.path).path());
    QFile out(file.path);
    if (!out.open(QIODevice::WriteOnly) ||
        out.write(file.bytes.data(), qint64(file.bytes.size())) != qint64(file.bytes.size()))
        qFatal("cannot write %s", qPrintable(file.path));
    return file;
}

bool contains(const std::string& text, const std::string& needle, bool caseSensitive) {
    if (caseSensitive) return text.find(needle) != std::string::npos;
    auto lower = [](std::string s) {
        for (char& c : s)
            if (c >= 'A' && c <= 'Z') c = char(c + 32);
        return s;
    };
    return lower(text).find(lower(needle)) != std::string::npos;
}

} // namespace

class TestBlockSearch : public QObject {
    Q_OBJECT
    Executor m_executor;
    QTemporaryDir m_dir;
    std::vector<RefFile> m_files;
    EntryStore m_store;
    TimeOrder m_order;
    TextAccess m_text;

    // (file path, offset) of each entry found.
    std::set<std::pair<QString, std::uint64_t>> search(const FilterSpec& spec) {
        const auto query = CompiledQuery::compile(spec, m_store, nullptr);
        const auto rows = query->filter(m_store.snapshot(), m_text, m_order.order(), &m_executor);
        std::set<std::pair<QString, std::uint64_t>> out;
        for (EntryIndex e : *rows)
            out.insert({m_store.sources()[m_store.file(e)].absolutePath, m_store.offset(e)});
        return out;
    }

  private Q_SLOTS:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        m_files = {generate(m_dir.path(), "alpha", 1), generate(m_dir.path(), "beta", 2),
                   generate(m_dir.path(), "gamma", 3)};
        scanInto(m_store, {m_dir.path()});
        std::size_t total = 0;
        for (const RefFile& f : m_files)
            total += f.entries.size();
        QCOMPARE(std::size_t(m_store.size()), total);
        QVERIFY(total > 20000); // the whole-store search, not entry by entry
        m_order.update(m_store.snapshot());
        m_text = TextAccess::capture(m_store);
    }

    void findsWhatALoopOverTheFilesFinds() {
        for (const char* needle : {"connection refused", "timeout", "Traceback", "TimeoutError", "refused",
                                   "no such thing", "y"}) {
            for (bool caseSensitive : {false, true}) {
                std::set<std::pair<QString, std::uint64_t>> expected;
                for (const RefFile& f : m_files)
                    for (const RefEntry& e : f.entries)
                        if (contains(e.text, needle, caseSensitive)) expected.insert({f.path, e.offset});
                FilterSpec spec;
                spec.text = needle;
                spec.caseSensitive = caseSensitive;
                const auto found = search(spec);
                QVERIFY2(found == expected, qPrintable(QStringLiteral("%1 (%2): %3 found, %4 expected")
                                                           .arg(QLatin1String(needle))
                                                           .arg(caseSensitive ? "case" : "any case")
                                                           .arg(found.size())
                                                           .arg(expected.size())));
            }
        }
        // The planted ones are among them: across each block edge, at the end of each file,
        // and only in a traceback's last line.
        FilterSpec spec;
        spec.text = "connection refused";
        spec.caseSensitive = true;
        const auto found = search(spec);
        for (const RefFile& f : m_files) {
            QVERIFY(found.count({f.path, f.entries.back().offset}));
            int edges = 0;
            for (const RefEntry& e : f.entries)
                if (e.text.find("at the edge") != std::string::npos) {
                    ++edges;
                    QVERIFY(found.count({f.path, e.offset}));
                    const std::size_t at = e.offset + e.text.find("connection refused");
                    QVERIFY(at + 5 == kMB || at + 5 == 2 * kMB);
                }
            QCOMPARE(edges, 2); // at 1 and 2 MB
        }
        spec.caseSensitive = false;
        spec.text = "Errno 111";
        int tracebacks = 0;
        for (const RefFile& f : m_files)
            for (const RefEntry& e : f.entries)
                tracebacks += e.text.find("Errno 111") != std::string::npos ? 1 : 0;
        QVERIFY(tracebacks > 100);
        QCOMPARE(int(search(spec).size()), tracebacks);
    }

    void onlyTheEntriesOtherFiltersLetThrough() {
        // Errors of two services: the third's file need not be read at all.
        FilterSpec spec;
        spec.text = "refused";
        spec.levelMask = 1u << unsigned(Level::Error);
        spec.hiddenInstances.assign(m_store.instances().size(), false);
        const std::uint32_t beta = m_store.instances().find("beta");
        QVERIFY(beta < m_store.instances().size());
        spec.hiddenInstances[beta] = true;
        std::set<std::pair<QString, std::uint64_t>> expected;
        for (const RefFile& f : m_files)
            for (const RefEntry& e : f.entries)
                if (f.service != "beta" && e.level == "ERROR" && contains(e.text, "refused", false))
                    expected.insert({f.path, e.offset});
        QVERIFY(!expected.empty());
        QCOMPARE(search(spec), expected);
    }

    void aSearchsMatchListsGoBackForTheNext() {
        releaseSpareQueryBuffers();
        QCOMPARE(SpareOffsets::keptRoom(), std::size_t(0));
        FilterSpec spec;
        spec.text = "y"; // on most lines
        const auto first = search(spec);
        QVERIFY(first.size() > 1000);
        // Each thread's list of match offsets is kept, not freed, and the next search, in
        // that memory, finds the same entries.
        const std::size_t kept = SpareOffsets::keptRoom();
        QVERIFY(kept >= SpareOffsets::kMinSize);
        QCOMPARE(search(spec), first);
        QCOMPARE(SpareOffsets::keptRoom(), kept);
        releaseSpareQueryBuffers(); // as the query runner does when queries stop
        QCOMPARE(SpareOffsets::keptRoom(), std::size_t(0));
    }

    void fileCutShortWhileSearched() {
        // A file of its own, searched again and again while another thread cuts it to a
        // third (as copytruncate does) at a different moment each time, then restores it.
        QTemporaryDir dir;
        const RefFile f = generate(dir.path(), "delta", 4, 24 * kMB); // searched in a few milliseconds
        EntryStore store;
        scanInto(store, {dir.path()});
        QCOMPARE(std::size_t(store.size()), f.entries.size());
        TimeOrder order;
        order.update(store.snapshot());
        const TextAccess text = TextAccess::capture(store);
        FilterSpec spec;
        spec.text = "timeout";
        const auto query = CompiledQuery::compile(spec, store, nullptr);
        const std::uint64_t cut = f.bytes.size() / 3;
        std::set<std::uint64_t> kept; // matching entries wholly before the cut
        for (const RefEntry& e : f.entries)
            if (e.offset + e.text.size() < cut && contains(e.text, "timeout", false)) kept.insert(e.offset);
        QVERIFY(kept.size() > 100);
        const std::size_t faultsBefore = guardedReadFaults();
        for (int round = 0; round < 30; ++round) {
            std::atomic<bool> started{false};
            std::optional<std::vector<EntryIndex>> rows;
            std::thread searcher([&] {
                started = true;
                rows = query->filter(store.snapshot(), text, order.order(), &m_executor);
            });
            while (!started)
                std::this_thread::yield();
            std::this_thread::sleep_for(std::chrono::microseconds(QRandomGenerator::global()->bounded(6000)));
            QVERIFY(::truncate(QFile::encodeName(f.path).constData(), off_t(cut)) == 0);
            searcher.join();
            QVERIFY(rows.has_value());
            std::set<std::uint64_t> before;
            for (EntryIndex e : *rows)
                if (store.offset(e) + store.length(e) < cut) before.insert(store.offset(e));
            QCOMPARE(before, kept);
            // Put the bytes back (same file, as the writer of a log would), and search it whole.
            QFile restore(f.path);
            QVERIFY(restore.open(QIODevice::WriteOnly | QIODevice::Append));
            QVERIFY(restore.write(f.bytes.data() + cut, qint64(f.bytes.size() - cut)) ==
                    qint64(f.bytes.size() - cut));
        }
        qInfo("%zu of 30 searches ran into the cut under the mapping", guardedReadFaults() - faultsBefore);
        // Cut and left so: entries past the end are gone, the others still found.
        QVERIFY(::truncate(QFile::encodeName(f.path).constData(), off_t(cut)) == 0);
        const auto rows = query->filter(store.snapshot(), text, order.order(), &m_executor);
        std::set<std::uint64_t> found;
        for (EntryIndex e : *rows)
            found.insert(store.offset(e));
        QCOMPARE(found, kept);
    }
};

QTEST_GUILESS_MAIN(TestBlockSearch)
#include "tst_blocksearch.moc"
