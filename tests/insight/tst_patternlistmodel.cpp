// The Patterns view's model over a live runner: rows appear as entries are appended,
// counts grow in place, the model stays consistent (QAbstractItemModelTester) and each
// row's regular expression finds that pattern's entries.

#include "deploymentwriter.h"

#include "models/ingest/scanner.h"
#include "models/insight/patternlistmodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace vigil;

class TestPatternListModel : public QObject {
    Q_OBJECT
    Executor m_executor; // runs the pattern runs, as the window's does
  private Q_SLOTS:
    void followsAppends() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QVERIFY(test::writeDeployment(
            dir.path(), {{QStringLiteral("a"), 120}, {QStringLiteral("b"), 120}},
            [](const test::InstancePlan& p, int i, std::int64_t ms) {
                return i % 10 == 0 ? test::textLine(
                                         ms, p.name, "ERROR",
                                         QStringLiteral("Worker %1 crashed with code %2").arg(i).arg(i % 3))
                                   : QByteArray();
            }));
        EntryStore full;
        scanInto(full, {dir.path()});
        QCOMPARE(full.size(), std::uint64_t(264));

        // The same entries reach a second store batch by batch, as following delivers them.
        EntryStore store;
        PatternRunner runner(store, m_executor);
        runner.setInterval(0);
        PatternListModel model(store.instances());
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        connect(&runner, &PatternRunner::rowsChanged, &model, [&] { model.setRows(runner.rows()); });
        scanInto(store, {dir.path()}); // fills the store with the first half below
        runner.entriesAppended();
        QTRY_COMPARE(runner.coveredEnd().value, store.endIndex().value);
        runner.waitForIdle();
        QCOMPARE(model.rowCount(), 2); // the requests (status masked) and the crash pattern
        int crash = -1;
        for (int r = 0; r < model.rowCount(); ++r)
            if (model.shownPattern(r) == QStringLiteral("Worker {num} crashed with code {num}")) crash = r;
        QVERIFY(crash >= 0);
        QCOMPARE(model.data(model.index(crash, PatternListModel::CountColumn)).toULongLong(), 24ull);
        QCOMPARE(model.data(model.index(crash, PatternListModel::InstancesColumn)).toULongLong(), 2ull);
        model.setUtc(true);
        QCOMPARE(model.data(model.index(crash, PatternListModel::FirstColumn)).toString(),
                 QStringLiteral("11-10 10:20:00"));
        QCOMPARE(model.data(model.index(crash, PatternListModel::LastColumn)).toString(),
                 QStringLiteral("11-10 10:21:50"));
        QCOMPARE(
            model.data(model.index(crash, PatternListModel::TrendColumn), PatternListModel::SparklineRole)
                .toList()
                .size(),
            24);

        // The row's expression finds exactly the crash entries.
        const QRegularExpression re(model.regexFor(crash));
        QVERIFY(re.isValid());
        int matching = 0;
        std::string text;
        for (std::uint64_t i = store.beginIndex().value; i < store.endIndex().value; ++i) {
            QVERIFY(store.readText(EntryIndex(i), text));
            matching += re.match(QString::fromStdString(text)).hasMatch();
        }
        QCOMPARE(matching, 24);

        // More entries of the same deployment: the crash row keeps its place and grows.
        const std::uint64_t before = store.size();
        scanInto(store, {dir.path()}); // the same files read again: every pattern doubles
        QVERIFY(store.size() > before);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        runner.entriesAppended();
        QTRY_COMPARE(runner.coveredEnd().value, store.endIndex().value);
        runner.waitForIdle();
        QCOMPARE(reset.count(), 0);
        QCOMPARE(model.shownPattern(crash), QStringLiteral("Worker {num} crashed with code {num}"));
        QCOMPARE(model.data(model.index(crash, PatternListModel::CountColumn)).toULongLong(), 48ull);
    }

    // More patterns than a view takes: the most frequent and the newest are the ones shown.
    void manyPatternsAreCapped() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const int distinct = int(PatternRunner::kMaxShown) + 1000;
        QVERIFY(test::writeDeployment(dir.path(), {{QStringLiteral("a"), distinct}},
                                      [](const test::InstancePlan& p, int i, std::int64_t ms) {
                                          // Letters only: no rule masks them, so every line is its own
                                          // pattern.
                                          QString word;
                                          for (int n = i; word.size() < 4; n /= 26)
                                              word += QChar('a' + n % 26);
                                          return test::textLine(ms, p.name, "INFO",
                                                                QStringLiteral("Unknown flag %1").arg(word));
                                      }));
        EntryStore store;
        scanInto(store, {dir.path()});
        PatternRunner runner(store, m_executor);
        runner.setInterval(0);
        runner.entriesAppended();
        QTRY_COMPARE(runner.coveredEnd().value, store.endIndex().value);
        runner.waitForIdle();
        QCOMPARE(runner.totalPatterns(), std::size_t(distinct + 1)); // and the request lines' pattern
        QCOMPARE(runner.rows()->size(), PatternRunner::kMaxShown);
        bool requests = false, newest = false;
        for (const PatternRow& r : *runner.rows()) {
            requests = requests || r.count == std::uint64_t(distinct);
            newest = newest || r.firstUs == store.timeUs(EntryIndex(store.endIndex().value - 1));
        }
        QVERIFY(requests);
        QVERIFY(newest);
    }
};

QTEST_GUILESS_MAIN(TestPatternListModel)
#include "tst_patternlistmodel.moc"
