// Message patterns: masking rules on single messages, and the exact counts of templates
// written into a deployment recovered from its files, incrementally as well as at once.

#include "deploymentwriter.h"

#include "models/ingest/scanner.h"
#include "models/insight/patternindex.h"
#include "models/insight/patternreport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace vigil;

namespace {
const PatternRow* find(const std::vector<PatternRow>& rows, const std::string& pattern) {
    for (const PatternRow& r : rows)
        if (r.pattern == pattern) return &r;
    return nullptr;
}

// Per instance i of 3: 40 + i timeouts, 25 logins, 7 cache misses, 3 × i disk warnings.
QByteArray extraLines(const test::InstancePlan& plan, int i, std::int64_t ms) {
    const int n = plan.name.back().digitValue();
    QByteArray out;
    if (i < 40 + n)
        out += test::textLine(ms, plan.name, "ERROR",
                              QStringLiteral("Connection to 10.0.%1.%2:5432 timed out after %3s")
                                  .arg(i % 7)
                                  .arg(i % 250)
                                  .arg(5 + i % 30));
    if (i < 25)
        out += test::textLine(ms, plan.name, "INFO",
                              QStringLiteral("User u%1 logged in from 192.168.1.%2 session=%3")
                                  .arg(1000 + i)
                                  .arg(i)
                                  .arg(QString::number(0xabc000 + i, 16)));
    if (i < 7)
        out += test::textLine(ms, plan.name, "DEBUG",
                              QStringLiteral("Cache miss for key 'user:%1' (took 1%2ms)").arg(i).arg(i));
    if (i < 3 * n)
        out += test::textLine(ms, plan.name, "WARNING",
                              QStringLiteral("Disk usage at %1% on /var/lib/data").arg(80 + i % 20));
    return out;
}
} // namespace

class TestPatterns : public QObject {
    Q_OBJECT
  private Q_SLOTS:
    void masking_data() {
        QTest::addColumn<QString>("message");
        QTest::addColumn<QString>("pattern");
        QTest::newRow("numbers and durations") << "Processed 120 items in 35ms"
                                               << "Processed {num} items in {dur}";
        QTest::newRow("address") << "Connection to 10.0.4.7:5432 timed out after 30s."
                                 << "Connection to {ip} timed out after {dur}.";
        QTest::newRow("ids and hex") << "request req_9f3a2b7c failed, trace 9f86d081884c7d65"
                                     << "request {id} failed, trace {hex}";
        QTest::newRow("uuid") << "session 3f2b8c1e-9a4d-4e0b-8f6a-1c2d3e4f5a6b closed"
                              << "session {hex} closed";
        QTest::newRow("quoted") << "Unknown model 'gpt-9' requested"
                                << "Unknown model {str} requested";
        QTest::newRow("json keys stay") << R"(EVENT: {"user": "bob", "n": 3})"
                                        << R"(EVENT: {"user": {str}, "n": {num}})";
        QTest::newRow("key=value") << "retry attempt=3 backoff=1.5s"
                                   << "retry attempt={val} backoff={val}";
        QTest::newRow("paths keep words") << "POST /v1/users/8123/orders - 500 - 2.5s"
                                          << "POST /v1/users/{id}/orders - {num} - {dur}";
        QTest::newRow("words stay") << "Can't reach upstream"
                                    << "Can't reach upstream";
        QTest::newRow("timestamp") << "started at 2025-11-10T10:30:45Z"
                                   << "started at {time}";
        QTest::newRow("blanks folded") << "a   b\tc"
                                       << "a b c";
    }
    void masking() {
        QFETCH(QString, message);
        QFETCH(QString, pattern);
        MessagePattern masker;
        std::string out;
        QCOMPARE(QString::fromStdString(std::string(masker.of(message.toStdString(), out))), pattern);
        // The pattern's regular expression finds the message it came from.
        const QRegularExpression re(QString::fromStdString(MessagePattern::toRegex(out)));
        QVERIFY2(re.isValid(), qPrintable(re.errorString()));
        QVERIFY2(re.match(message).hasMatch(), qPrintable(re.pattern()));
    }

    void countsOnDeployment() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QVERIFY(test::writeDeployment(
            dir.path(),
            {{QStringLiteral("svc1"), 200}, {QStringLiteral("svc2"), 200}, {QStringLiteral("svc3"), 200}},
            extraLines));
        EntryStore store;
        scanInto(store, {dir.path()});
        const TextAccess text = TextAccess::capture(store);

        PatternIndex whole;
        QVERIFY(whole.add(store, text, store.beginIndex(), store.endIndex()));
        // The same, fed in small slices as following does.
        PatternIndex sliced;
        for (std::uint64_t i = store.beginIndex().value; i < store.endIndex().value; i += 37)
            QVERIFY(
                sliced.add(store, text, EntryIndex(i), EntryIndex(std::min(i + 37, store.endIndex().value))));

        for (const PatternIndex* index : {&whole, &sliced}) {
            const std::vector<PatternRow> rows = index->rows();
            QCOMPARE(index->entries(), store.size());
            const PatternRow* timeouts = find(rows, "Connection to {ip} timed out after {dur}");
            QVERIFY(timeouts);
            QCOMPARE(timeouts->count, std::uint64_t(41 + 42 + 43));
            QCOMPARE(timeouts->instances.size(), std::size_t(3));
            QCOMPARE(timeouts->highest, Level::Error);
            const PatternRow* logins = find(rows, "User {id} logged in from {ip} session={val}");
            QVERIFY(logins);
            QCOMPARE(logins->count, std::uint64_t(75));
            const PatternRow* misses = find(rows, "Cache miss for key {str} (took {dur})");
            QVERIFY(misses);
            QCOMPARE(misses->count, std::uint64_t(21));
            const PatternRow* disk = find(rows, "Disk usage at {num}% on /var/lib/data");
            QVERIFY(disk);
            QCOMPARE(disk->count, std::uint64_t(3 + 6 + 9));
            QCOMPARE(disk->instances.size(), std::size_t(3));
            // Every request line is one of two patterns (200 and 500), whatever the user id.
            std::uint64_t requests = 0;
            for (const PatternRow& r : rows)
                if (QString::fromStdString(r.pattern).startsWith(QStringLiteral("GET /v1/users/{id}/orders")))
                    requests += r.count;
            QCOMPARE(requests, std::uint64_t(600));
            QVERIFY(rows.size() <= 8);
            std::uint64_t sparkTotal = 0;
            for (std::uint32_t v : timeouts->sparkline)
                sparkTotal += v;
            QCOMPARE(sparkTotal, timeouts->count);
        }
    }

    // The command prints the same counts, in JSON, with secrets masked.
    void command() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QVERIFY(test::writeDeployment(
            dir.path(), {{QStringLiteral("svc1"), 50}, {QStringLiteral("svc2"), 50}},
            [](const test::InstancePlan& p, int i, std::int64_t ms) {
                return i < 5 ? test::textLine(ms, p.name, "ERROR",
                                              QStringLiteral("login failed password=hunter%1").arg(i))
                             : QByteArray();
            }));
        QProcess vigil;
        vigil.start(QStringLiteral(VIGIL_BINARY),
                    {QStringLiteral("patterns"), dir.path(), QStringLiteral("--json")});
        QVERIFY(vigil.waitForFinished(60000));
        QCOMPARE(vigil.exitCode(), 0);
        const QByteArray out = vigil.readAllStandardOutput();
        QVERIFY(!out.contains("hunter"));
        const QJsonObject doc = QJsonDocument::fromJson(out).object();
        QCOMPARE(doc.value(QStringLiteral("entries")).toInt(), 110);
        bool found = false;
        for (const QJsonValue v : doc.value(QStringLiteral("patterns")).toArray()) {
            const QJsonObject p = v.toObject();
            if (p.value(QStringLiteral("pattern")).toString().startsWith(QStringLiteral("login failed"))) {
                found = true;
                QCOMPARE(p.value(QStringLiteral("count")).toInt(), 10);
                QCOMPARE(p.value(QStringLiteral("instances")).toObject().size(), 2);
            }
        }
        QVERIFY(found);
        // Bad input is refused with exit 2.
        vigil.start(QStringLiteral(VIGIL_BINARY), {QStringLiteral("patterns"), dir.path(),
                                                   QStringLiteral("--sort"), QStringLiteral("sideways")});
        QVERIFY(vigil.waitForFinished(60000));
        QCOMPARE(vigil.exitCode(), 2);
    }
};

QTEST_GUILESS_MAIN(TestPatterns)
#include "tst_patterns.moc"
