// The demo writer: files in the seed formats that Vigil parses without raw lines, with
// tracebacks, EVENT payloads, slow requests and errors; live ticks append more.

#include "models/demo/demowriter.h"
#include "models/ingest/scanner.h"
#include "models/query/queryengine.h"
#include "models/query/timeorder.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using namespace vigil;

class TestDemoWriter : public QObject {
    Q_OBJECT
  private Q_SLOTS:
    void writesParseableDeployment() {
        QTemporaryDir dir;
        DemoWriter writer(dir.path(), 11);
        writer.writeHistory(600, 20);
        QCOMPARE(writer.written(), quint64(12000));
        for (const QString& path : DemoWriter::relativePaths())
            QVERIFY2(QFileInfo(dir.filePath(path)).size() > 0, qPrintable(path));
        EntryStore store;
        const ScanOutcome outcome = scanInto(store, {dir.path()});
        QVERIFY(outcome.errors.empty());
        QCOMPARE(store.size(), quint64(12000));
        QCOMPARE(store.counters().unparsed, quint64(0));
        QVERIFY(store.counters().byLevel[std::size_t(Level::Error)] > 100);
        QVERIFY(store.instances().size() >= 6);
        // Latency spikes: some requests beyond the 10 s critical threshold.
        int slow = 0, tracebacks = 0;
        for (std::uint64_t i = 0; i < store.endIndex().value; ++i) {
            slow += store.durationSeconds(EntryIndex(i)) > 10 ? 1 : 0;
            tracebacks += (store.flags(EntryIndex(i)) & FlagMultiLine) ? 1 : 0;
        }
        QVERIFY(slow > 10);
        QVERIFY(tracebacks > 10);
    }
    void liveTicksAppend() {
        QTemporaryDir dir;
        DemoWriter writer(dir.path());
        QSignalSpy wrote(&writer, &DemoWriter::wrote);
        writer.start(100, 50);
        QTRY_VERIFY(wrote.count() >= 3);
        writer.stop();
        QVERIFY(writer.written() >= 15);
    }
};

QTEST_GUILESS_MAIN(TestDemoWriter)
#include "tst_demowriter.moc"
