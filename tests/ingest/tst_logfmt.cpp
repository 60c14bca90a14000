// logfmt files end to end: a fixture of every variant (quoted values with escapes, bare
// keys, level=/lvl=, time=/ts=, RFC 3339 and epoch times, durations in the key or in the
// value), then files written by real logfmt libraries (go-logfmt as go-kit uses it, and
// logrus), whose writer recorded what it logged (data/logfmt/writelogfmt.go).

#include "models/ingest/scanner.h"
#include "models/query/entryfields.h"
#include "models/query/fieldexpression.h"
#include "models/query/queryengine.h"
#include "models/report/scanreport.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

#include <cmath>

using namespace vigil;

namespace {
const QString kData = QStringLiteral(VIGIL_TEST_DATA "/logfmt/");

QString fieldValue(const FieldList& fields, const char* name) {
    for (const auto& [key, value] : fields)
        if (key == name) return QString::fromStdString(value);
    return QStringLiteral("<absent>");
}

QString textOf(const EntryStore& store, EntryIndex i) {
    std::string text;
    store.readText(i, text);
    return QString::fromStdString(text);
}
} // namespace

class TestLogfmt : public QObject {
    Q_OBJECT

    static std::size_t count(const EntryStore& store, const QString& expression) {
        const FieldExpression e = parseFieldExpression(expression);
        if (!e.ok()) qFatal("bad expression %s", qPrintable(e.error));
        FilterSpec spec;
        spec.fields = e.conditions;
        QString error;
        auto query = CompiledQuery::compile(spec, store, &error);
        if (!query) qFatal("compile failed: %s", qPrintable(error));
        std::vector<EntryIndex> order;
        for (auto i = store.beginIndex().value; i < store.endIndex().value; ++i)
            order.push_back(EntryIndex(i));
        return query->filter(store.snapshot(), TextAccess::capture(store), order)->size();
    }

  private Q_SLOTS:
    void everyVariant() {
        EntryStore store;
        const ScanOutcome outcome = scanInto(store, {kData + QStringLiteral("variants.log")});
        const QJsonObject report = scanReportJson(store, {outcome.files, outcome.errors, outcome.seconds});
        const QJsonObject file = report.value(QStringLiteral("files")).toObject().begin()->toObject();
        QCOMPARE(file.value(QStringLiteral("format")).toString(), QStringLiteral("logfmt"));
        QCOMPARE(file.value(QStringLiteral("lines")).toInt(), 10);
        // The indented goroutine line belongs to the fatal entry; the stray line stays raw.
        QCOMPARE(report.value(QStringLiteral("entries")).toInt(), 9);
        QCOMPARE(report.value(QStringLiteral("unparsed")).toInt(), 1);
        const QJsonObject levels = report.value(QStringLiteral("levels")).toObject();
        QCOMPARE(levels.value(QStringLiteral("INFO")).toInt(), 3);
        QCOMPARE(levels.value(QStringLiteral("WARNING")).toInt(), 2);
        QCOMPARE(levels.value(QStringLiteral("ERROR")).toInt(), 1);
        QCOMPARE(levels.value(QStringLiteral("DEBUG")).toInt(), 1);
        QCOMPARE(levels.value(QStringLiteral("CRITICAL")).toInt(), 1);
        const QJsonObject instances = report.value(QStringLiteral("instances")).toObject();
        QCOMPARE(instances.value(QStringLiteral("web-1")).toInt(), 3);
        QCOMPARE(instances.value(QStringLiteral("cron")).toInt(), 1);
        QCOMPARE(instances.value(QStringLiteral("storage")).toInt(), 1);

        // Durations from the key's unit, from Go duration text, and unitless seconds.
        const double seconds[] = {0.012, 1.5, 0.35, 123, NAN, 0.25, NAN, NAN, NAN};
        const std::int64_t times[] = {1762770000512000, 1762770001000000, 1762766402250000, 1762770003000000,
                                      1762770004500000, 1762770005000000, 1762770006000000};
        for (int i = 0; i < 9; ++i) {
            const EntryIndex e(store.beginIndex().value + std::uint64_t(i));
            const float d = store.durationSeconds(e);
            if (std::isnan(seconds[i]))
                QVERIFY2(std::isnan(d), qPrintable(textOf(store, e)));
            else
                QVERIFY2(std::fabs(d - seconds[i]) < 1e-5, qPrintable(textOf(store, e)));
            if (i < 7) QCOMPARE(store.timeUs(e), times[i]);
        }
        QVERIFY(
            textOf(store, EntryIndex(store.beginIndex().value + 6)).endsWith(QStringLiteral("[running]:")));

        // Every key is a field, values unescaped, bare keys empty, the duration in seconds too.
        EntryReader reader;
        const auto fieldsOf = [&](int i) {
            return reader.fields(
                textOf(store, EntryIndex(store.beginIndex().value + std::uint64_t(i))).toStdString());
        };
        const FieldList second = fieldsOf(1);
        QCOMPARE(fieldValue(second, "msg"), QStringLiteral("slow upstream \"billing\" answered"));
        QCOMPARE(fieldValue(second, "latency"), QStringLiteral("1.5s"));
        QCOMPARE(fieldValue(second, "request_id"), QStringLiteral("req_1"));
        QCOMPARE(fieldValue(second, "duration_seconds"), QStringLiteral("1.5"));
        QCOMPARE(fieldValue(fieldsOf(2), "msg"), QStringLiteral("line one\nline two"));
        QCOMPARE(fieldValue(fieldsOf(4), "cached"), QString());
        QCOMPARE(fieldValue(fieldsOf(5), "dry_run"), QString());
        QCOMPARE(fieldValue(fieldsOf(6), "caller"), QStringLiteral("alloc.go:88"));
        QCOMPARE(int(fieldsOf(0).size()), 6); // five keys and the duration in seconds
        QCOMPARE(
            reader.summary(textOf(store, EntryIndex(store.beginIndex().value + 2)).toStdString()).message,
            std::string("line one\nline two"));
        QCOMPARE(reader.summary(textOf(store, EntryIndex(store.beginIndex().value + 1)).toStdString())
                     .correlationId,
                 std::string("req_1"));
        // Written to be read as it is: shown unchanged.
        const std::string line = textOf(store, store.beginIndex()).toStdString();
        QCOMPARE(EntryReader::shownText(store.format(store.beginIndex()), line), line);

        // Field filters see every key.
        QCOMPARE(count(store, QStringLiteral("duration_ms=12")), std::size_t(1));
        QCOMPARE(count(store, QStringLiteral("instance=web-1")), std::size_t(3));
        QCOMPARE(count(store, QStringLiteral("id=req_1")), std::size_t(1));
        QCOMPARE(count(store, QStringLiteral("caller~alloc")), std::size_t(1));
        QCOMPARE(count(store, QStringLiteral("duration>1")), std::size_t(2));
    }

    void heldOutLibraryFiles_data() {
        QTest::addColumn<QString>("name");
        QTest::newRow("go-logfmt (go-kit)") << QStringLiteral("gokit");
        QTest::newRow("logrus TextFormatter") << QStringLiteral("logrus");
    }

    void heldOutLibraryFiles() {
        QFETCH(QString, name);
        QFile expectedFile(kData + name + QStringLiteral(".expected.json"));
        QVERIFY(expectedFile.open(QIODevice::ReadOnly));
        const QJsonObject expected = QJsonDocument::fromJson(expectedFile.readAll()).object();

        EntryStore store;
        const ScanOutcome outcome = scanInto(store, {kData + name + QStringLiteral(".log")});
        const QJsonObject report = scanReportJson(store, {outcome.files, outcome.errors, outcome.seconds});
        QCOMPARE(report.value(QStringLiteral("files"))
                     .toObject()
                     .begin()
                     ->toObject()
                     .value(QStringLiteral("format")),
                 QJsonValue(QStringLiteral("logfmt")));
        QCOMPARE(report.value(QStringLiteral("entries")).toInt(),
                 expected.value(QStringLiteral("entries")).toInt());
        QCOMPARE(report.value(QStringLiteral("unparsed")).toInt(), 0);
        QCOMPARE(report.value(QStringLiteral("levels")).toObject(),
                 expected.value(QStringLiteral("levels")).toObject());
        QCOMPARE(report.value(QStringLiteral("instances")).toObject(),
                 expected.value(QStringLiteral("instances")).toObject());

        int durations = 0;
        double total = 0;
        std::int64_t first = INT64_MAX, last = INT64_MIN;
        for (auto i = store.beginIndex().value; i < store.endIndex().value; ++i) {
            const float d = store.durationSeconds(EntryIndex(i));
            if (!std::isnan(d)) {
                ++durations;
                total += d;
            }
            first = std::min(first, store.timeUs(EntryIndex(i)));
            last = std::max(last, store.timeUs(EntryIndex(i)));
        }
        QCOMPARE(durations, expected.value(QStringLiteral("durations")).toInt());
        const double expectedTotal = expected.value(QStringLiteral("durationTotalSeconds")).toDouble();
        QVERIFY2(std::fabs(total - expectedTotal) < 1e-3, qPrintable(QString::number(total, 'f', 6)));
        QCOMPARE(first / 1000, qint64(expected.value(QStringLiteral("firstMs")).toDouble()));
        QCOMPARE(last / 1000, qint64(expected.value(QStringLiteral("lastMs")).toDouble()));
    }
};

QTEST_GUILESS_MAIN(TestLogfmt)
#include "tst_logfmt.moc"
