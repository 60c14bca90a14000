// Exporting filtered entries as JSON Lines and CSV: one record per entry, secrets masked,
// multi-line entries kept whole; formatted on several threads, the same bytes in the same order.

#include "samplefiles.h"

#include "models/exec/executor.h"
#include "models/export/entryexport.h"
#include "models/ingest/scanner.h"

#include <QBuffer>
#include <QtTest>

using namespace vigil;

class TestEntryExport : public QObject {
    Q_OBJECT
    EntryStore m_store;
    std::vector<EntryIndex> m_rows;

  private Q_SLOTS:
    void initTestCase() {
        scanInto(m_store, {samples::root()});
        for (std::uint64_t i = m_store.beginIndex().value; i < m_store.endIndex().value; ++i)
            m_rows.emplace_back(i);
    }
    void jsonLines() {
        QBuffer buffer;
        buffer.open(QIODevice::WriteOnly);
        QCOMPARE(exportEntries(m_store, m_rows, ExportFormat::JsonLines, SecretMasker(), buffer), QString());
        const QList<QByteArray> lines = buffer.data().trimmed().split('\n');
        QCOMPARE(int(lines.size()), int(m_rows.size()));
        int tracebacks = 0;
        for (const QByteArray& line : lines) {
            const QJsonObject o = QJsonDocument::fromJson(line).object();
            QVERIFY(!o.isEmpty());
            QVERIFY(o.contains(QStringLiteral("text")));
            tracebacks += o.value(QStringLiteral("text"))
                                  .toString()
                                  .contains(QStringLiteral("\nTraceback (most recent call last)"))
                              ? 1
                              : 0;
        }
        QCOMPARE(tracebacks, samples::countLines(samples::allLines(),
                                                 QStringLiteral("Traceback (most recent call last)")));
        QVERIFY(!buffer.data().contains("sk-9531985d5d9dc9f81818e811892f902b"));
        QVERIFY(!buffer.data().contains("password=hunter"));
    }
    void durationAndStatusAreNumbers() {
        QBuffer buffer;
        buffer.open(QIODevice::WriteOnly);
        QCOMPARE(exportEntries(m_store, m_rows, ExportFormat::JsonLines, SecretMasker(), buffer), QString());
        int durations = 0, statuses = 0;
        for (const QByteArray& line : buffer.data().trimmed().split('\n')) {
            const QJsonObject o = QJsonDocument::fromJson(line).object();
            QVERIFY2(!o.isEmpty(), line.constData());
            if (o.contains(QStringLiteral("duration_seconds"))) {
                QVERIFY2(o.value(QStringLiteral("duration_seconds")).isDouble(), line.constData());
                ++durations;
            }
            if (o.contains(QStringLiteral("status"))) {
                QVERIFY2(o.value(QStringLiteral("status")).isDouble(), line.constData());
                const double status = o.value(QStringLiteral("status")).toDouble();
                QVERIFY(status >= 100 && status < 600 && status == std::floor(status));
                ++statuses;
            }
        }
        // As many as the store has durations and statuses.
        int storedDurations = 0, storedStatuses = 0;
        for (EntryIndex e : m_rows) {
            storedDurations += std::isfinite(m_store.durationSeconds(e)) ? 1 : 0;
            storedStatuses += m_store.status(e) ? 1 : 0;
        }
        QVERIFY(storedDurations > 0 && storedStatuses > 0);
        QCOMPARE(durations, storedDurations);
        QCOMPARE(statuses, storedStatuses);
    }
    void csv() {
        QBuffer buffer;
        buffer.open(QIODevice::WriteOnly);
        QCOMPARE(exportEntries(m_store, m_rows, ExportFormat::Csv, SecretMasker(), buffer), QString());
        const QByteArray data = buffer.data();
        QVERIFY(data.startsWith("time,instance,level,logger,file,"));
        // Records end with CRLF; newlines inside quoted text are bare LF.
        QCOMPARE(int(data.count("\r\n")), int(m_rows.size()) + 1);
        QVERIFY(!data.contains("sk-9531985d5d9dc9f81818e811892f902b"));
        QBuffer revealed;
        revealed.open(QIODevice::WriteOnly);
        exportEntries(m_store, m_rows, ExportFormat::Csv, SecretMasker(true), revealed);
        QVERIFY(revealed.data().contains("sk-9531985d5d9dc9f81818e811892f902b"));
        QCOMPARE(exportFormatFor(QStringLiteral("a.CSV")), ExportFormat::Csv);
        QCOMPARE(exportFormatFor(QStringLiteral("a.jsonl")), ExportFormat::JsonLines);
    }
    void text() {
        QBuffer buffer;
        buffer.open(QIODevice::WriteOnly);
        QCOMPARE(exportEntries(m_store, m_rows, ExportFormat::Text, SecretMasker(), buffer), QString());
        const QByteArray data = buffer.data();
        // One line per entry, then each further line of it (a traceback) indented.
        const QJsonObject expected = samples::expected();
        QCOMPARE(qint64(data.count('\n')), expected["lines"].toInteger());
        QCOMPARE(qint64(data.count("\n  ")), expected["lines"].toInteger() - expected["entries"].toInteger());
        QVERIFY(!data.contains("sk-9531985d5d9dc9f81818e811892f902b"));
        QVERIFY(!data.contains('\x1b'));
        QCOMPARE(exportFormatFor(QStringLiteral("a.txt")), ExportFormat::Text);
    }
    // The message of a JSON line is decoded, the test before masking reads the line as
    // written: a URL password behind escaped slashes goes from both.
    void escapedUrlPassword() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid() && QDir(dir.path()).mkpath(QStringLiteral("svc/logs")));
        QFile log(dir.filePath(QStringLiteral("svc/logs/app.log")));
        QVERIFY(log.open(QIODevice::WriteOnly));
        log.write("{\"timestamp\": \"2024-05-01T10:00:00Z\", \"level\": \"error\", "
                  "\"message\": \"connect postgres:\\/\\/app:hunter2@db:5432\\/x failed\"}\n");
        log.close();
        EntryStore store;
        scanInto(store, {dir.filePath(QStringLiteral("svc"))});
        QCOMPARE(store.size(), std::size_t(1));
        const std::vector<EntryIndex> rows{store.beginIndex()};
        for (ExportFormat format : {ExportFormat::JsonLines, ExportFormat::Csv, ExportFormat::Text}) {
            QBuffer buffer;
            buffer.open(QIODevice::WriteOnly);
            QCOMPARE(exportEntries(store, rows, format, SecretMasker(), buffer), QString());
            QVERIFY2(!buffer.data().contains("hunter2"), buffer.data().constData());
            QVERIFY(buffer.data().contains("app:***@db"));
        }
    }
    void sameBytesOnSeveralThreads();
    void jsonNumbersAreNumbers() {
        QBuffer buffer;
        buffer.open(QIODevice::WriteOnly);
        QCOMPARE(exportEntries(m_store, m_rows, ExportFormat::JsonLines, SecretMasker(), buffer), QString());
        int statuses = 0, durations = 0;
        for (const QByteArray& line : buffer.data().trimmed().split('\n')) {
            const QJsonObject o = QJsonDocument::fromJson(line).object();
            if (o.contains(QStringLiteral("status"))) {
                QVERIFY(o.value(QStringLiteral("status")).isDouble());
                ++statuses;
            }
            if (o.contains(QStringLiteral("duration_seconds"))) {
                QVERIFY(o.value(QStringLiteral("duration_seconds")).isDouble());
                ++durations;
            }
        }
        QVERIFY(statuses > 0);
        QVERIFY(durations > 0);
    }
};

void TestEntryExport::sameBytesOnSeveralThreads() {
    // Enough rows for many blocks on each thread (the samples ten times over).
    std::vector<EntryIndex> rows;
    for (int k = 0; k < 10; ++k)
        rows.insert(rows.end(), m_rows.begin(), m_rows.end());
    Executor executor(2);
    const ExportSource source = ExportSource::capture(m_store);
    for (ExportFormat format : {ExportFormat::JsonLines, ExportFormat::Csv, ExportFormat::Text}) {
        QBuffer one, several;
        one.open(QIODevice::WriteOnly);
        several.open(QIODevice::WriteOnly);
        std::atomic<std::size_t> done{0};
        QCOMPARE(exportEntries(source, rows, format, SecretMasker(), one), QString());
        QCOMPARE(exportEntries(source, rows, format, SecretMasker(), several, nullptr, &done, &executor),
                 QString());
        QVERIFY(one.data().size() > 1000000);
        QVERIFY(one.data() == several.data());
        QCOMPARE(done.load(), rows.size());
    }
}

QTEST_GUILESS_MAIN(TestEntryExport)
#include "tst_entryexport.moc"
