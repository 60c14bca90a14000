// Metrics on samples/deployment agree with what the files themselves say: per-instance
// entries, requests and errors, and the endpoint table (count, errors, min, max, average),
// counted here with regular expressions and QJsonDocument, independently of the parsers.

#include "samplefacts.h"

#include "models/endpointtablemodel.h"
#include "models/ingest/scanner.h"
#include "models/metrics/metricsmodel.h"

#include <QAbstractItemModelTester>
#include <QtTest>

using namespace vigil;

class TstMetricsSamples : public QObject {
    Q_OBJECT
  private Q_SLOTS:
    void initTestCase() {
        m_root = QStringLiteral(VIGIL_SHARED_DIR "/samples/deployment");
        QVERIFY2(QDir(m_root).exists(), qPrintable(m_root));
        scanInto(m_store, {m_root});
        QCOMPARE(m_store.size(), std::uint64_t(1925)); // EXPECTED.json
        // Ingest in uneven slices, as follow mode delivers them.
        for (std::uint64_t i = 0; i < m_store.size(); i += 97)
            m_metrics.ingest(m_store, EntryIndex(i),
                             EntryIndex(std::min<std::uint64_t>(i + 97, m_store.size())));
        m_facts = test::SampleReader().read(m_root);
    }

    void perInstanceCountsMatchTheFiles() {
        QCOMPARE(m_metrics.untimedEntries(), std::uint64_t(0));
        std::map<QString, qint64> entries, requests, errors;
        for (InstanceId id : m_metrics.instances()) {
            const std::string_view n = m_store.instances().text(id.value);
            const QString name = QString::fromUtf8(n.data(), qsizetype(n.size()));
            const MetricsBucket s = m_metrics.summary(id, TimeRange::everything());
            entries[name] = qint64(s.entries);
            if (s.requests) requests[name] = qint64(s.requests);
            if (s.errors) errors[name] = qint64(s.errors);
        }
        QCOMPARE(entries, m_facts.entries);
        QCOMPARE(requests, m_facts.requests);
        QCOMPARE(errors, m_facts.errors);
        qint64 totalErrors = 0;
        for (const auto& [name, n] : m_facts.errors)
            totalErrors += n;
        QVERIFY(totalErrors > 0);
        QVERIFY(m_facts.requests.size() >= 5); // requests in most formats, not only one
    }

    void endpointTableMatchesTheFiles() {
        EndpointTableModel table(m_metrics, m_store.endpoints());
        QAbstractItemModelTester tester(&table, QAbstractItemModelTester::FailureReportingMode::QtTest);
        table.refresh(TimeRange::everything());
        QStringList got, want;
        for (int row = 0; row < table.rowCount(); ++row)
            got << table.endpointName(row);
        for (const auto& [name, facts] : m_facts.endpoints)
            want << name;
        got.sort();
        if (got != want) qWarning() << "model:" << got << "files:" << want;
        QCOMPARE(got, want);
        for (int row = 0; row < table.rowCount(); ++row) {
            const QString name = table.endpointName(row);
            QVERIFY2(m_facts.endpoints.count(name), qPrintable(name));
            const test::EndpointFacts& want = m_facts.endpoints.at(name);
            const auto value = [&](int column) {
                return table.data(table.index(row, column), EndpointTableModel::SortRole);
            };
            QCOMPARE(value(EndpointTableModel::ColCount).toLongLong(), want.count);
            QCOMPARE(value(EndpointTableModel::ColErrors).toLongLong(), want.errors);
            if (want.timed == 0) continue;
            // Durations are stored as float: compare to float precision.
            QVERIFY2(std::abs(value(EndpointTableModel::ColMin).toDouble() - want.min) <= 1e-6 * want.min,
                     qPrintable(name));
            QVERIFY2(std::abs(value(EndpointTableModel::ColMax).toDouble() - want.max) <= 1e-6 * want.max,
                     qPrintable(name));
            const double avg = want.sum / double(want.timed);
            QVERIFY2(std::abs(value(EndpointTableModel::ColAverage).toDouble() - avg) <= 1e-5 * avg,
                     qPrintable(name));
        }
        // seed 000's request lines: the chat endpoint has slow and very slow requests.
        qint64 slow = 0;
        for (int row = 0; row < table.rowCount(); ++row)
            slow +=
                table.data(table.index(row, EndpointTableModel::ColSlow), EndpointTableModel::SortRole)
                    .toLongLong() +
                table.data(table.index(row, EndpointTableModel::ColVerySlow), EndpointTableModel::SortRole)
                    .toLongLong();
        QVERIFY(slow > 0);
    }

    void windowedTotalsAddUp() {
        // Any split of the data's span into two ranges adds up to the whole.
        const std::int64_t a = m_metrics.firstTimeUs(), b = m_metrics.lastTimeUs() + 1;
        const MetricsBucket all = m_metrics.summaryAll(TimeRange{a, b});
        QCOMPARE(all.entries, m_store.size());
        for (std::int64_t cut : {a + 1000000, (a + b) / 2, b - 1000000}) {
            const std::int64_t cutSecond = cut - cut % 1000000;
            const MetricsBucket l = m_metrics.summaryAll(TimeRange{a, cutSecond}),
                                r = m_metrics.summaryAll(TimeRange{cutSecond, b});
            QCOMPARE(l.requests + r.requests, all.requests);
            QCOMPARE(l.errors + r.errors, all.errors);
            QCOMPARE(l.latency.count() + r.latency.count(), all.latency.count());
        }
    }

  private:
    QString m_root;
    EntryStore m_store;
    MetricsModel m_metrics;
    test::SampleFacts m_facts;
};

QTEST_GUILESS_MAIN(TstMetricsSamples)
#include "tst_metricssamples.moc"
