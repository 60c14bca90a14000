// Filters over the sample deployment: counts checked against EXPECTED.json and against
// what a plain line scan of the files finds.

#include "models/exec/executor.h"
#include "samplefiles.h"

#include "models/demo/demowriter.h"
#include "models/ingest/scanner.h"
#include "models/query/fieldexpression.h"
#include "models/query/queryrunner.h"
#include "models/query/timedhits.h"
#include "models/query/timeorder.h"

#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>

using namespace vigil;

class TestQueryEngine : public QObject {
    Q_OBJECT
    Executor m_executor; // runs the models' queries, as the window's does

    EntryStore m_store;
    TextAccess m_text;
    TimeOrder m_order;
    QStringList m_lines;
    QJsonObject m_expected;

    // Parallel on the executor, or on the calling thread alone (without one).
    std::vector<EntryIndex> run(const FilterSpec& spec, bool parallel = true) {
        QString error;
        auto query = CompiledQuery::compile(spec, m_store, &error);
        if (!query) qFatal("compile failed: %s", qPrintable(error));
        return *query->filter(m_store.snapshot(), m_text, m_order.order(), parallel ? &m_executor : nullptr);
    }
    FilterSpec withFields(const QString& text) {
        const FieldExpression e = parseFieldExpression(text);
        if (!e.ok()) qFatal("bad expression %s", qPrintable(e.error));
        FilterSpec spec;
        spec.fields = e.conditions;
        return spec;
    }
    FilterSpec withText(const char* text, bool regex = false, bool caseSensitive = false) {
        FilterSpec spec;
        spec.text = text;
        spec.regex = regex;
        spec.caseSensitive = caseSensitive;
        return spec;
    }

    // Five instances of 44,000 entries each, a line every 0-200 ms from 2026-03-01 10:00:
    // three full segments and part of a fourth, in runs of whole files. "calm" never logs a
    // warning; "burst" logs errors only in its last third.
    static void writeFiveInstances(const QString& root) {
        QRandomGenerator rng(29);
        const char* levels[] = {"DEBUG", "INFO", "INFO", "WARNING", "ERROR", "CRITICAL"};
        const QStringList names = {"calm", "burst", "mixed", "other", "last"};
        for (const QString& name : names) {
            QDir().mkpath(root + QStringLiteral("/instances/%1/logs").arg(name));
            QFile f(root + QStringLiteral("/instances/%1/logs/app.log").arg(name));
            if (!f.open(QIODevice::WriteOnly)) qFatal("cannot write %s", qPrintable(f.fileName()));
            qint64 ms = 0;
            for (int k = 0; k < 44000; ++k) {
                ms += qint64(rng.bounded(200));
                const QDateTime t = QDateTime(QDate(2026, 3, 1), QTime(10, 0), Qt::UTC).addMSecs(ms);
                const char* level = levels[rng.bounded(6)];
                if (name == QLatin1String("calm")) level = levels[rng.bounded(3)];
                if (name == QLatin1String("burst")) level = k > 30000 ? "ERROR" : "INFO";
                f.write(QStringLiteral("%1 - [%2] - app.handler - %3 - [main:run:%4] - request done\n")
                            .arg(t.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss,zzz")), name,
                                 QLatin1String(level))
                            .arg(k)
                            .toUtf8());
            }
        }
    }
    static bool sameSeconds(const FilterTally& a, const FilterTally& b) {
        if (a.seconds().size() != b.seconds().size()) return false;
        for (std::size_t k = 0; k < a.seconds().size(); ++k)
            if (a.seconds()[k].second != b.seconds()[k].second ||
                a.seconds()[k].levels != b.seconds()[k].levels)
                return false;
        return true;
    }

  private Q_SLOTS:
    void initTestCase() {
        scanInto(m_store, {samples::root()});
        m_text = TextAccess::capture(m_store);
        m_order.update(m_store.snapshot());
        m_lines = samples::allLines();
        m_expected = samples::expected();
        QCOMPARE(qint64(m_store.size()), qint64(m_expected.value(QStringLiteral("entries")).toInt()));
    }

    void timeOrderIsSortedAndComplete() {
        const auto& order = m_order.order();
        QCOMPARE(order.size(), std::size_t(m_store.size()));
        for (std::size_t k = 1; k < order.size(); ++k)
            QVERIFY(timeLess(m_store, order[k - 1], order[k]));
        // Updating as entries arrive gives the same order as sorting once at the end.
        EntryStore growing;
        TimeOrder stepwise;
        // Parts whose times interleave: each update merges into rows already in order.
        for (const char* part : {"/octollm", "/logs", "/instances", "/voice"}) {
            scanInto(growing, {samples::root() + QLatin1String(part)});
            stepwise.update(growing.snapshot());
        }
        std::vector<EntryIndex> once;
        for (std::uint64_t i = 0; i < growing.endIndex().value; ++i)
            once.emplace_back(i);
        TimeOrder::sortByTime(growing, once);
        QCOMPARE(stepwise.order(), once);
    }

    // The order counts every entry per second as it takes them in (the cleared filter's
    // histogram): the counts must match a walk of the order after updates that interleave.
    void timeOrderCountsEverySecondOfItsEntries() {
        EntryStore growing;
        TimeOrder stepwise;
        for (const char* part : {"/octollm", "/logs", "/instances"}) {
            scanInto(growing, {samples::root() + QLatin1String(part)});
            stepwise.update(growing.snapshot());
            QVERIFY(stepwise.countsOfAll());
            FilterTally walked;
            walked.addRows(growing, stepwise.order());
            QVERIFY(!walked.seconds().empty());
            QVERIFY(sameSeconds(*stepwise.countsOfAll(), walked));
        }
    }

    // Evicted entries' times are gone, so the order stops offering its counts; the cleared
    // filter then reads the entries, and its counts are still those of a walk.
    void clearedFilterCountsAfterEviction() {
        QTemporaryDir dir;
        writeFiveInstances(dir.path());
        EntryStore store;
        scanInto(store, {dir.path()});
        TimeOrder order;
        order.update(store.snapshot());
        const TextAccess text = TextAccess::capture(store);
        const auto everything = CompiledQuery::compile(FilterSpec(), store, nullptr);
        for (bool evicted : {false, true}) {
            if (evicted) {
                QVERIFY(store.evictOldest(store.size() / 2) > 0);
                order.update(store.snapshot());
            }
            QCOMPARE(order.countsOfAll() == nullptr, evicted);
            FilterTally cleared, walked;
            const auto rows =
                everything->filterInTimeOrder(store.snapshot(), text, order, &m_executor, nullptr, &cleared);
            QVERIFY(rows);
            QCOMPARE(*rows, order.order());
            QCOMPARE(rows->size(), std::size_t(store.size()));
            walked.addRows(store, order.order());
            QVERIFY(sameSeconds(cleared, walked));
        }
    }

    void noFilterShowsEverything() {
        QCOMPARE(int(run(FilterSpec()).size()), m_expected.value(QStringLiteral("entries")).toInt());
        // Its per-second counts, read in store order, are those of the rows in time order.
        FilterTally tally, expected;
        QVERIFY(CompiledQuery::compile(FilterSpec(), m_store, nullptr)
                    ->filterInTimeOrder(m_store.snapshot(), m_text, m_order, &m_executor, nullptr, &tally));
        expected.addRows(m_store, m_order.order());
        QVERIFY(!tally.seconds().empty());
        QCOMPARE(tally.seconds().size(), expected.seconds().size());
        for (std::size_t k = 0; k < tally.seconds().size(); ++k) {
            QCOMPARE(tally.seconds()[k].second, expected.seconds()[k].second);
            QVERIFY(tally.seconds()[k].levels == expected.seconds()[k].levels);
        }
    }

    void levels_data() {
        QTest::addColumn<QString>("name");
        for (const char* l : {"INFO", "ERROR", "WARNING", "DEBUG"})
            QTest::newRow(l) << QString::fromLatin1(l);
    }
    void levels() {
        QFETCH(QString, name);
        FilterSpec spec;
        spec.levelMask = 1u << unsigned(parseLevel(name.toStdString()));
        QCOMPARE(int(run(spec).size()),
                 m_expected.value(QStringLiteral("levels")).toObject().value(name).toInt());
    }

    void instanceAndLevel() {
        // eco-backend's own file tags every entry [eco-backend]: EXPECTED gives its count.
        const std::uint32_t id = m_store.instances().find("eco-backend");
        QVERIFY(id != StringInterner::kNotFound);
        FilterSpec spec;
        spec.hiddenInstances.assign(m_store.instances().size(), true);
        spec.hiddenInstances[id] = false;
        const auto rows = run(spec);
        const int expected = m_expected[QStringLiteral("files")]
                                 .toObject()[QStringLiteral("instances/eco-backend/logs/app.log")]
                                 .toObject()[QStringLiteral("entries")]
                                 .toInt();
        QCOMPARE(int(rows.size()), expected);
        for (EntryIndex e : rows)
            QCOMPARE(m_store.instance(e).value, id);
        spec.levelMask = 1u << unsigned(Level::Error);
        const auto errors = run(spec);
        QVERIFY(!errors.empty() && errors.size() < rows.size());
        for (EntryIndex e : errors)
            QCOMPARE(m_store.level(e), Level::Error);
    }

    void substringSearchCountsLikeGrep() {
        // One traceback per entry: entries found == lines in the files holding the text.
        QCOMPARE(int(run(withText("Traceback (most recent call last)")).size()),
                 samples::countLines(m_lines, QStringLiteral("Traceback (most recent call last)")));
        QCOMPARE(
            int(run(withText("llm provider returned 503")).size()),
            samples::countLines(m_lines, QStringLiteral("LLM provider returned 503"), Qt::CaseInsensitive));
        QCOMPARE(int(run(withText("llm provider returned 503", false, true)).size()), 0);
        QCOMPARE(int(run(withText("LLM provider returned 503", false, true)).size()),
                 samples::countLines(m_lines, QStringLiteral("LLM provider returned 503")));
        // One thread or two: same rows, same order.
        QCOMPARE(run(withText("slow"), false), run(withText("slow"), true));
    }

    void regexSearch() {
        const QRegularExpression re(QStringLiteral("Slow request \\[tools\\]: POST"));
        QCOMPARE(int(run(withText("Slow request \\[tools\\]: POST", true, true)).size()),
                 samples::countLines(m_lines, re));
        QString error;
        FilterSpec bad = withText("([unclosed", true);
        QVERIFY(!CompiledQuery::compile(bad, m_store, &error));
        QVERIFY(error.contains(QStringLiteral("invalid regular expression")));
    }

    void jsonAndEventFields() {
        QCOMPARE(int(run(withFields(QStringLiteral("data.tools_enabled=true"))).size()),
                 samples::countLines(m_lines, QStringLiteral("\"tools_enabled\": true")));
        // Unqualified, the name also finds text lines' "[tools]" marker.
        QCOMPARE(int(run(withFields(QStringLiteral("tools_enabled=true"))).size()),
                 samples::countLines(m_lines, QStringLiteral("\"tools_enabled\": true")) +
                     samples::countLines(m_lines, QStringLiteral("[tools]:")));
        // A request id from the orchestrator's file, wherever it occurs.
        QCOMPARE(int(run(withFields(QStringLiteral("request_id=req_a276cb0ab0cac06e"))).size()),
                 samples::countLines(m_lines, QStringLiteral("req_a276cb0ab0cac06e")));
        QCOMPARE(int(run(withFields(QStringLiteral("id=req_a276cb0ab0cac06e"))).size()),
                 samples::countLines(m_lines, QStringLiteral("req_a276cb0ab0cac06e")));
        // Text lines' key=value words are fields too.
        const auto withPassword = run(withFields(QStringLiteral("password~hunter")));
        QCOMPARE(int(withPassword.size()), samples::countLines(m_lines, QStringLiteral("password=hunter")));
        QVERIFY(!withPassword.empty());
    }

    void columnFields() {
        auto countColumns = [this](auto pred) {
            int n = 0;
            for (std::uint64_t i = m_store.beginIndex().value; i < m_store.endIndex().value; ++i)
                n += pred(EntryIndex(i)) ? 1 : 0;
            return n;
        };
        const int status5xx = countColumns([this](EntryIndex e) { return m_store.status(e) >= 500; });
        QVERIFY(status5xx > 0);
        QCOMPARE(int(run(withFields(QStringLiteral("status>=500"))).size()), status5xx);
        const int slow = countColumns([this](EntryIndex e) { return m_store.durationSeconds(e) > 5.0f; });
        QVERIFY(slow > 0);
        QCOMPARE(int(run(withFields(QStringLiteral("duration>5s"))).size()), slow);
        QCOMPARE(int(run(withFields(QStringLiteral("duration>5000ms"))).size()), slow);
        // Python text lines with a status: "GET /health - 200 - 0.509s".
        const QRegularExpression status200(QStringLiteral(" - 200 - [0-9.]+m?s$|\"status_code\": 200[,}]"));
        QCOMPARE(int(run(withFields(QStringLiteral("status=200"))).size()),
                 samples::countLines(m_lines, status200));
        // Conditions combine.
        const auto both = run(withFields(QStringLiteral("status>=500 duration>5s")));
        for (EntryIndex e : both)
            QVERIFY(m_store.status(e) >= 500 && m_store.durationSeconds(e) > 5.0f);
    }

    void timeRange() {
        const auto& order = m_order.order();
        const std::int64_t first = m_store.timeUs(order.front()), last = m_store.timeUs(order.back());
        FilterSpec spec;
        spec.fromUs = first + (last - first) / 2;
        const auto rows = run(spec);
        const int expected = std::count_if(order.begin(), order.end(),
                                           [&](EntryIndex e) { return m_store.timeUs(e) >= spec.fromUs; });
        QCOMPARE(int(rows.size()), expected);
        QVERIFY(expected > 0 && expected < int(order.size()));
    }

    void wholeStoreSearchMatchesEntryByEntry() {
        // Over 20,000 entries a search of the whole store searches each file's bytes in blocks;
        // it must find exactly the entries a one-by-one check of their text finds.
        QTemporaryDir dir;
        DemoWriter writer(dir.path(), 21);
        writer.writeHistory(1500, 20);
        EntryStore store;
        scanInto(store, {dir.path()});
        QVERIFY(store.size() >= 30000);
        const TextAccess text = TextAccess::capture(store);
        TimeOrder order;
        order.update(store.snapshot());
        for (const char* needle :
             {"timeout", "Traceback", "req_0", "TASK", "}}", "eco-backend] - api.chat", "zzz-none"}) {
            for (bool caseSensitive : {false, true}) {
                FilterSpec spec;
                spec.text = needle;
                spec.caseSensitive = caseSensitive;
                spec.levelMask = ~(1u << unsigned(Level::Debug));
                const auto rows = *CompiledQuery::compile(spec, store, nullptr)
                                       ->filter(store.snapshot(), text, order.order());
                std::vector<EntryIndex> expected;
                std::string entry;
                for (EntryIndex e : order.order()) {
                    if (store.level(e) == Level::Debug || !store.readText(e, entry)) continue;
                    const QString t = QString::fromStdString(entry);
                    if (t.contains(QString::fromLatin1(needle),
                                   caseSensitive ? Qt::CaseSensitive : Qt::CaseInsensitive))
                        expected.push_back(e);
                }
                QCOMPARE(rows.size(), expected.size());
                QVERIFY2(rows == expected, needle);
            }
        }
    }

    void timeOrderedFilterMatchesReadingTheOrder() {
        // Over every entry in time order, a filter keeping few entries merges them from store
        // order (timedhits.h) where one keeping many reads them out of the time order: both
        // must give exactly the rows, and per-second counts, of a plain walk of the order.
        // Four instances log 9,000 lines each with clocks that step back now and then (threads
        // logging out of order) and many entries sharing a millisecond.
        QTemporaryDir dir;
        QRandomGenerator rng(17);
        const char* levels[] = {"DEBUG", "INFO", "INFO", "INFO", "WARNING", "ERROR", "CRITICAL"};
        for (const char* name : {"alpha", "beta", "gamma", "delta"}) {
            QDir().mkpath(dir.filePath(QStringLiteral("instances/%1/logs").arg(QLatin1String(name))));
            QFile f(dir.filePath(QStringLiteral("instances/%1/logs/app.log").arg(QLatin1String(name))));
            QVERIFY(f.open(QIODevice::WriteOnly));
            qint64 ms = qint64(rng.bounded(5000));
            for (int k = 0; k < 9000; ++k) {
                ms += rng.bounded(4) == 0 ? -qint64(rng.bounded(1500)) : qint64(rng.bounded(300));
                const QDateTime t = QDateTime(QDate(2026, 3, 1), QTime(10, 0), Qt::UTC).addMSecs(ms);
                // Errors come in a burst in one instance: a sparse filter and a dense one.
                const char* level = levels[rng.bounded(7)];
                if (qstrcmp(name, "gamma") == 0 && k > 6000) level = "ERROR";
                f.write(QStringLiteral("%1 - [%2] - app.handler - %3 - [main:run:%4] - request %5 done\n")
                            .arg(t.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss,zzz")), QLatin1String(name),
                                 QLatin1String(level))
                            .arg(k)
                            .arg(rng.bounded(100000))
                            .toUtf8());
            }
        }
        EntryStore store;
        scanInto(store, {dir.path()});
        QCOMPARE(store.size(), std::uint64_t(36000));
        const TextAccess text = TextAccess::capture(store);
        TimeOrder order;
        order.update(store.snapshot());
        const std::uint32_t gamma = store.instances().find("gamma");
        auto only = [&](std::uint32_t instance, std::uint32_t levelMask) {
            FilterSpec spec;
            spec.hiddenInstances.assign(store.instances().size(), true);
            spec.hiddenInstances[instance] = false;
            spec.levelMask = levelMask;
            return spec;
        };
        const std::uint32_t problems = (1u << unsigned(Level::Warning)) | (1u << unsigned(Level::Error)) |
                                       (1u << unsigned(Level::Critical));
        FilterSpec noMatch = only(gamma, 1u << unsigned(Level::Trace));
        FilterSpec timed;
        timed.fromUs = store.timeUs(order.order()[5000]);
        timed.toUs = store.timeUs(order.order()[7000]);
        FilterSpec allErrors;
        allErrors.levelMask = 1u << unsigned(Level::Error);
        const std::uint32_t critical = 1u << unsigned(Level::Critical);
        std::vector<FilterSpec> specs = {only(gamma, problems),
                                         only(gamma, 1u << unsigned(Level::Error)),
                                         only(gamma, critical),
                                         only(store.instances().find("beta"), critical),
                                         only(store.instances().find("beta"), problems),
                                         noMatch,
                                         timed,
                                         allErrors,
                                         withText("request 4"),
                                         withText("request 12345"),
                                         withText("zzz-none"),
                                         FilterSpec(),
                                         withText("done")};
        specs.back().levelMask = problems;
        for (const FilterSpec& spec : specs) {
            const auto query = CompiledQuery::compile(spec, store, nullptr);
            std::vector<EntryIndex> expected;
            FilterTally expectedTally;
            std::string entry;
            for (EntryIndex e : order.order()) {
                if (!query->matchesColumns(store, e)) continue;
                if (!spec.text.empty() &&
                    (!store.readText(e, entry) || entry.find(spec.text) == std::string::npos))
                    continue;
                expected.push_back(e);
            }
            expectedTally.addRows(store, expected);
            for (Executor* executor : {&m_executor, static_cast<Executor*>(nullptr)}) {
                FilterTally tally;
                const auto rows =
                    query->filterInTimeOrder(store.snapshot(), text, order, executor, nullptr, &tally);
                QVERIFY(rows);
                QCOMPARE(rows->size(), expected.size());
                QVERIFY(*rows == expected);
                QCOMPARE(tally.seconds().size(), expectedTally.seconds().size());
                for (std::size_t k = 0; k < tally.seconds().size(); ++k) {
                    QCOMPARE(tally.seconds()[k].second, expectedTally.seconds()[k].second);
                    QVERIFY(tally.seconds()[k].levels == expectedTally.seconds()[k].levels);
                }
                // The same rows as over the order taken as any candidates.
                QVERIFY(*query->filter(store.snapshot(), text, order.order(), executor) == expected);
            }
        }
    }

    void segmentDigestsGiveTheRowsAndCountsOfAWalk() {
        // Filters by instance and level use each full segment's digest to skip segments with
        // no match and to take their level counts (segmentdigest.h). Five instances of 44,000
        // entries each fill three segments and part of a fourth, in runs of whole files: one
        // never logs a warning, one logs errors only in its second half. Rows, level counts
        // and per-second counts must be those of a plain walk of the time order.
        QTemporaryDir dir;
        writeFiveInstances(dir.path());
        EntryStore store;
        scanInto(store, {dir.path()});
        QCOMPARE(store.size(), std::uint64_t(5 * 44000));
        const StoreSnapshot snapshot = store.snapshot();
        int digested = 0;
        snapshot.forEachSegmentIn(snapshot.beginIndex(), snapshot.endIndex(),
                                  [&](const Segment& s, std::size_t first, std::size_t last, EntryIndex) {
                                      digested += s.digestOf(first, last) ? 1 : 0;
                                  });
        QCOMPARE(digested, 3);
        const TextAccess text = TextAccess::capture(store);
        TimeOrder order;
        order.update(snapshot);
        const std::uint32_t problems = (1u << unsigned(Level::Warning)) | (1u << unsigned(Level::Error)) |
                                       (1u << unsigned(Level::Critical));
        std::vector<FilterSpec> specs;
        for (const std::uint32_t mask :
             {problems, 1u << unsigned(Level::Error), 1u << unsigned(Level::Trace), 0xFFu})
            for (const QStringList& shown : {QStringList{"calm"}, QStringList{"burst"}, QStringList{"mixed"},
                                             QStringList{"calm", "last"}, QStringList{"burst", "other"}}) {
                FilterSpec spec;
                spec.hiddenInstances.assign(store.instances().size(), true);
                for (const QString& name : shown)
                    spec.hiddenInstances[store.instances().find(name.toStdString())] = false;
                spec.levelMask = mask;
                specs.push_back(spec);
            }
        specs.push_back(FilterSpec()); // every entry: its level counts come from the digests too
        for (const FilterSpec& spec : specs) {
            const auto query = CompiledQuery::compile(spec, store, nullptr);
            FilterSpec anyLevel = spec;
            anyLevel.levelMask = 0xFFu;
            const auto levelsShown = CompiledQuery::compile(anyLevel, store, nullptr);
            std::vector<EntryIndex> expected;
            LevelCounts expectedLevels{};
            for (EntryIndex e : order.order()) {
                if (levelsShown->matchesColumns(store, e)) ++expectedLevels[std::size_t(store.level(e))];
                if (query->matchesColumns(store, e)) expected.push_back(e);
            }
            FilterTally expectedTally;
            expectedTally.addRows(store, expected);
            for (Executor* executor : {&m_executor, static_cast<Executor*>(nullptr)}) {
                FilterTally tally;
                const auto rows = query->filterInTimeOrder(snapshot, text, order, executor, nullptr, &tally);
                QVERIFY(rows);
                QCOMPARE(rows->size(), expected.size());
                QVERIFY(*rows == expected);
                QVERIFY(tally.levelCounts() == expectedLevels);
                QCOMPARE(tally.seconds().size(), expectedTally.seconds().size());
                for (std::size_t k = 0; k < tally.seconds().size(); ++k)
                    QVERIFY(tally.seconds()[k].levels == expectedTally.seconds()[k].levels);
            }
        }
    }

    void mergeByTimeEqualsSorting() {
        // Enough hits to be split by time over threads: runs that overlap, restart, repeat
        // times, and parts that are empty.
        QRandomGenerator rng(23);
        std::vector<TimedHits> parts(4);
        std::vector<TimedHit> all;
        std::uint64_t index = 0;
        for (std::size_t p = 0; p < parts.size(); ++p) {
            if (p == 2) continue;
            std::int64_t t = 0;
            for (int k = 0; k < 90000; ++k) {
                t += rng.bounded(8) == 0 ? -std::int64_t(rng.bounded(5000000))
                                         : std::int64_t(rng.bounded(3000));
                const Level level = Level(rng.bounded(kLevelCount));
                parts[p].add(t, EntryIndex(index), level);
                all.emplace_back(t, EntryIndex(index), level);
                index += 1 + rng.bounded(3);
            }
        }
        std::sort(all.begin(), all.end());
        std::vector<EntryIndex> expected;
        std::vector<SecondCounts> perSecond;
        for (const TimedHit& h : all) {
            expected.push_back(h.entry());
            const std::int64_t second = std::int64_t(std::floor(double(h.timeUs) / 1e6));
            if (perSecond.empty() || perSecond.back().second != second) perSecond.push_back({second, {}});
            ++perSecond.back().levels[std::size_t(h.level())];
        }
        for (Executor* executor : {&m_executor, static_cast<Executor*>(nullptr)}) {
            FilterTally tally;
            QVERIFY(mergeByTime(parts, executor, &tally) == expected);
            QCOMPARE(tally.seconds().size(), perSecond.size());
            for (std::size_t k = 0; k < perSecond.size(); ++k) {
                QCOMPARE(tally.seconds()[k].second, perSecond[k].second);
                QVERIFY(tally.seconds()[k].levels == perSecond[k].levels);
            }
        }
    }

    void runnerFullAndIncremental() {
        // Entries arrive in two halves: the runner's full result plus its appended result
        // must equal a one-shot query over everything.
        EntryStore store;
        QueryRunner runner(store, m_executor);
        QSignalSpy full(&runner, &QueryRunner::fullResult), appended(&runner, &QueryRunner::appendedResult);
        FilterSpec spec;
        spec.levelMask = (1u << unsigned(Level::Error)) | (1u << unsigned(Level::Warning));
        spec.text = "request";
        scanInto(store, {samples::root() + QStringLiteral("/logs")});
        runner.setQuery(CompiledQuery::compile(spec, store, nullptr));
        QTRY_COMPARE(full.count(), 1);
        const auto first = full.at(0).at(1).value<std::shared_ptr<std::vector<EntryIndex>>>();
        scanInto(store, {samples::root() + QStringLiteral("/instances")});
        runner.entriesAppended();
        QTRY_COMPARE(appended.count(), 1);
        const auto second = appended.at(0).at(1).value<std::shared_ptr<std::vector<EntryIndex>>>();
        TextAccess text = TextAccess::capture(store);
        TimeOrder order;
        order.update(store.snapshot());
        auto all =
            *CompiledQuery::compile(spec, store, nullptr)->filter(store.snapshot(), text, order.order());
        std::vector<EntryIndex> merged = TimeOrder::merge(store, *first, *second);
        QCOMPARE(merged, all);
        QVERIFY(!first->empty() && !second->empty());
    }

    void runsThatFollowAppendsRestFirst() {
        // A run asked for by appended entries (here a rerun, as the table asks when late
        // entries interleave) waits twice as long as the last run took; without that rest
        // it would start at once and take about as long as the first.
        EntryStore store;
        QueryRunner runner(store, m_executor);
        QSignalSpy full(&runner, &QueryRunner::fullResult);
        scanInto(store, {samples::root()});
        FilterSpec spec;
        spec.text = "request";
        runner.setQuery(CompiledQuery::compile(spec, store, nullptr));
        QVERIFY(full.wait(10000));
        QElapsedTimer since;
        since.start();
        const double ranMs = full.at(0).at(3).toDouble() * 1000;
        runner.rerun();
        QVERIFY(runner.busy());
        QVERIFY(full.wait(10000));
        const double restMs = std::min(2 * ranMs, 1000.0);
        QVERIFY2(
            double(since.nsecsElapsed()) / 1e6 >= restMs * 0.9,
            qPrintable(QStringLiteral("%1 ms after a %2 ms run").arg(since.nsecsElapsed() / 1e6).arg(ranMs)));
        QCOMPARE(*full.at(1).at(1).value<std::shared_ptr<std::vector<EntryIndex>>>(),
                 *full.at(0).at(1).value<std::shared_ptr<std::vector<EntryIndex>>>());
    }
};

QTEST_GUILESS_MAIN(TestQueryEngine)
#include "tst_queryengine.moc"
