// Filters over the sample deployment: counts checked against EXPECTED.json and against
// what a plain line scan of the files finds.

#include "models/exec/executor.h"
#include "samplefiles.h"

#include "models/demo/demowriter.h"
#include "models/ingest/scanner.h"
#include "models/query/fieldexpression.h"
#include "models/query/queryrunner.h"
#include "models/query/timeorder.h"

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
        scanInto(growing, {samples::root() + QStringLiteral("/octollm")});
        stepwise.update(growing.snapshot());
        scanInto(growing, {samples::root() + QStringLiteral("/logs")});
        stepwise.update(growing.snapshot());
        std::vector<EntryIndex> once;
        for (std::uint64_t i = 0; i < growing.endIndex().value; ++i)
            once.emplace_back(i);
        TimeOrder::sortByTime(growing, once);
        QCOMPARE(stepwise.order(), once);
    }

    void noFilterShowsEverything() {
        QCOMPARE(int(run(FilterSpec()).size()), m_expected.value(QStringLiteral("entries")).toInt());
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
};

QTEST_GUILESS_MAIN(TestQueryEngine)
#include "tst_queryengine.moc"
