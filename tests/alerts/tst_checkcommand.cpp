// `vigil check` end to end on the samples. The expectation is computed here from the
// sample files themselves, with a reader of seed 000's Python text format written for
// this test (timestamps, [instance] tags, levels, "- 401 -" statuses, "- 4.46s" and
// EVENT duration_seconds, [tools] / tools_enabled), so the check is against the files,
// not against Vigil's own parser.

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <map>

namespace {

const QString kSamples = QStringLiteral(VIGIL_SHARED_DIR "/samples/deployment");

struct SampleEntry {
    QString instance;
    QString second; // "2025-11-10 10:20:03": sorts in time order
    bool error = false, request = false;
    double duration = NAN;
    bool tools = false;
};

std::vector<SampleEntry> readPythonText(const QString& path, const QString& pathInstance) {
    static const QRegularExpression start(QStringLiteral(
        R"(^(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d)(?:,\d+)? - (?:\[([^\]]+)\] - )?\S+ - ([A-Za-z]+) - (?:\[[^\]]*\] - )?(.*)$)"));
    static const QRegularExpression status(
        QStringLiteral(R"((?:^|[ :])(?:GET|POST|PUT|DELETE|PATCH|HEAD|OPTIONS) /\S* - (\d{3})(?!\d))"));
    static const QRegularExpression trailing(QStringLiteral(R"((?:^| )(\d+(?:\.\d+)?)(ms|s)\s*$)"));
    std::vector<SampleEntry> out;
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) return out;
    for (const QByteArray& raw : f.readAll().split('\n')) {
        const QString line = QString::fromUtf8(raw);
        const auto m = start.match(line);
        if (!m.hasMatch()) continue; // a traceback line: part of the entry above
        SampleEntry e;
        e.second = m.captured(1);
        e.instance = m.captured(2).isEmpty() ? pathInstance : m.captured(2);
        const QString level = m.captured(3).toUpper();
        const QString message = m.captured(4);
        int code = 0;
        if (message.startsWith(QLatin1String("EVENT: "))) {
            const QJsonObject event = QJsonDocument::fromJson(message.mid(7).toUtf8()).object();
            const QJsonObject data = event.value(QStringLiteral("data")).toObject();
            if (data.contains(QStringLiteral("duration_seconds")))
                e.duration = data.value(QStringLiteral("duration_seconds")).toDouble();
            else if (data.contains(QStringLiteral("duration_ms")))
                e.duration = data.value(QStringLiteral("duration_ms")).toDouble() / 1000;
            e.tools = data.value(QStringLiteral("tools_enabled")).toBool();
            code = data.value(QStringLiteral("status_code")).toInt();
        } else {
            const auto s = status.match(message);
            if (s.hasMatch()) code = s.captured(1).toInt();
            const auto d = trailing.match(message);
            if (d.hasMatch())
                e.duration = d.captured(1).toDouble() * (d.captured(2) == QLatin1String("ms") ? 0.001 : 1.0);
            e.tools = message.contains(QLatin1String("[tools]"));
        }
        e.error = level == QLatin1String("ERROR") || level == QLatin1String("CRITICAL") ||
                  level == QLatin1String("FATAL") || (code >= 500 && code <= 599);
        e.request = !std::isnan(e.duration) || code != 0;
        out.push_back(e);
    }
    return out;
}

QString severity(double value, double warning, double critical) {
    return value > critical  ? QStringLiteral("critical")
           : value > warning ? QStringLiteral("warning")
                             : QString();
}

// "rule instance peak" for the default slow-request and error-rate rules (window 60 s,
// which covers the samples' ten seconds, so each rule raises at most one alert per
// instance; error rate needs 20 operations).
QSet<QString> expectedAlerts(const std::vector<SampleEntry>& entries) {
    std::map<QString, std::vector<const SampleEntry*>> byInstance;
    for (const SampleEntry& e : entries)
        byInstance[e.instance].push_back(&e);
    QSet<QString> out;
    for (auto& [instance, list] : byInstance) {
        double maxOff = -1, maxOn = -1;
        for (const SampleEntry* e : list)
            if (!std::isnan(e->duration))
                (e->tools ? maxOn : maxOff) = std::max(e->tools ? maxOn : maxOff, e->duration);
        if (!severity(maxOff, 5, 10).isEmpty())
            out << QStringLiteral("slow-requests %1 %2").arg(instance, severity(maxOff, 5, 10));
        if (!severity(maxOn, 30, 60).isEmpty())
            out << QStringLiteral("slow-requests-tools %1 %2").arg(instance, severity(maxOn, 30, 60));
        std::map<QString, std::pair<int, int>> perSecond; // second -> errors, operations
        for (const SampleEntry* e : list) {
            if (e->error) ++perSecond[e->second].first;
            if (e->error || e->request) ++perSecond[e->second].second;
        }
        int errors = 0, operations = 0;
        QString peak;
        for (const auto& [second, counts] : perSecond) {
            errors += counts.first;
            operations += counts.second;
            if (operations < 20) continue;
            const QString s = severity(100.0 * errors / operations, 5, 10);
            if (s == QLatin1String("critical") || (s == QLatin1String("warning") && peak.isEmpty())) peak = s;
        }
        if (!peak.isEmpty()) out << QStringLiteral("error-rate %1 %2").arg(instance, peak);
    }
    return out;
}

struct Run {
    int exitCode = -1;
    QByteArray out, err;
};

Run runVigil(const QStringList& args, const QString& home) {
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), home); // no user rules file: the defaults
    p.setProcessEnvironment(env);
    p.start(QStringLiteral(VIGIL_BINARY), QStringList{QStringLiteral("check")} + args);
    p.waitForFinished(60000);
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput(),
            p.readAllStandardError()};
}

} // namespace

class TestCheckCommand : public QObject {
    Q_OBJECT
  private Q_SLOTS:
    void initTestCase() { QVERIFY(m_home.isValid()); }
    void samplesReportSlowRequestsAndErrorRate();
    void customRulesFile();
    void badInput();

  private:
    QTemporaryDir m_home;
};

void TestCheckCommand::samplesReportSlowRequestsAndErrorRate() {
    std::vector<SampleEntry> entries;
    for (const auto& [file, instance] : std::vector<std::pair<QString, QString>>{
             {QStringLiteral("instances/eco-backend/logs/app.log"), QStringLiteral("eco-backend")},
             {QStringLiteral("instances/eco-diagnostics/logs/app.log"), QStringLiteral("eco-diagnostics")},
             {QStringLiteral("logs/app.log"), QStringLiteral("logs")}}) {
        const auto part = readPythonText(QDir(kSamples).filePath(file), instance);
        QVERIFY2(part.size() > 100, qPrintable(file));
        entries.insert(entries.end(), part.begin(), part.end());
    }
    const QSet<QString> expected = expectedAlerts(entries);
    QSet<QString> instances;
    for (const SampleEntry& e : entries)
        instances << e.instance;
    // The files hold both kinds: otherwise this test would prove little.
    QVERIFY2(!QStringList(expected.values()).filter(QStringLiteral("slow-requests ")).isEmpty(),
             qPrintable(QStringList(expected.values()).join(", ")));
    QVERIFY2(!QStringList(expected.values()).filter(QStringLiteral("error-rate ")).isEmpty(),
             qPrintable(QStringList(expected.values()).join(", ")));

    const Run run = runVigil({kSamples, QStringLiteral("--json")}, m_home.path());
    QVERIFY2(run.exitCode == 0 || run.exitCode == 1, run.err.constData());
    const QJsonObject report = QJsonDocument::fromJson(run.out).object();
    const QJsonArray alerts = report.value(QStringLiteral("alerts")).toArray();
    QSet<QString> got;
    bool anyCritical = false;
    for (const QJsonValue& v : alerts) {
        const QJsonObject a = v.toObject();
        anyCritical =
            anyCritical || a.value(QStringLiteral("peak_severity")).toString() == QLatin1String("critical");
        const QString rule = a.value(QStringLiteral("rule")).toString();
        if (!instances.contains(a.value(QStringLiteral("instance")).toString())) continue;
        if (rule != QLatin1String("slow-requests") && rule != QLatin1String("slow-requests-tools") &&
            rule != QLatin1String("error-rate"))
            continue;
        got << QStringLiteral("%1 %2 %3")
                   .arg(rule, a.value(QStringLiteral("instance")).toString(),
                        a.value(QStringLiteral("peak_severity")).toString());
    }
    QCOMPARE(QStringList(got.values()).join('\n').size() ? QSet<QString>(got) : got, expected);
    QCOMPARE(run.exitCode, anyCritical ? 1 : 0);
    QCOMPARE(report.value(QStringLiteral("entries")).toInt(), 1925);

    // The text form lists the same alerts.
    const Run text = runVigil({kSamples}, m_home.path());
    QCOMPARE(text.exitCode, run.exitCode);
    QVERIFY(text.out.startsWith("vigil check: " + QByteArray::number(alerts.size()) + " alerts"));
    for (const QString& e : expected) {
        const QStringList parts = e.split(' ');
        QVERIFY2(text.out.contains(parts[2].toUpper().toUtf8()) && text.out.contains(parts[1].toUtf8()),
                 qPrintable(e));
    }
}

void TestCheckCommand::customRulesFile() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("rules.json"));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    // Only a warning level: nothing critical can fire, so the exit code is 0.
    f.write(
        R"({"rules": [{"id": "slow-only", "metric": "request_duration", "scope": ["eco-backend"], "window": 60, "warning": 5}]})");
    f.close();
    const Run run =
        runVigil({kSamples, QStringLiteral("--rules"), path, QStringLiteral("--json")}, m_home.path());
    QCOMPARE(run.exitCode, 0);
    const QJsonArray alerts =
        QJsonDocument::fromJson(run.out).object().value(QStringLiteral("alerts")).toArray();
    double maxOff = -1;
    for (const SampleEntry& e : readPythonText(
             kSamples + QStringLiteral("/instances/eco-backend/logs/app.log"), QStringLiteral("eco-backend")))
        if (!e.tools && !std::isnan(e.duration)) maxOff = std::max(maxOff, e.duration);
    QCOMPARE(alerts.size(), maxOff > 5 ? 1 : 0);
    if (maxOff > 5) {
        const QJsonObject a = alerts[0].toObject();
        QCOMPARE(a.value(QStringLiteral("instance")).toString(), QStringLiteral("eco-backend"));
        QCOMPARE(a.value(QStringLiteral("severity")).toString(), QStringLiteral("warning"));
        QVERIFY(std::abs(a.value(QStringLiteral("peak_value")).toDouble() - maxOff) < 1e-3);
    }
}

void TestCheckCommand::badInput() {
    const Run missing = runVigil({m_home.filePath(QStringLiteral("no-such-folder"))}, m_home.path());
    QCOMPARE(missing.exitCode, 2);
    QVERIFY2(missing.err.contains("no-such-folder"), missing.err.constData());

    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("rules.json"));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("{\"rules\": [\n  {\"id\": \"x\", \"metric\": \"error_rate\", \"warning\": 10, \"critical\": "
            "5}\n]}\n");
    f.close();
    const Run broken = runVigil({kSamples, QStringLiteral("--rules"), path}, m_home.path());
    QCOMPARE(broken.exitCode, 2);
    QVERIFY2(broken.err.contains("line 2: rule 1 (\"x\"), warning: 10 is above critical 5"),
             broken.err.constData());
    QVERIFY(broken.out.isEmpty());

    const Run noRoots = runVigil({}, m_home.path());
    QCOMPARE(noRoots.exitCode, 2);
    QVERIFY(noRoots.err.contains("usage: vigil check"));
    const Run noFile = runVigil({kSamples, QStringLiteral("--rules")}, m_home.path());
    QCOMPARE(noFile.exitCode, 2);
}

QTEST_GUILESS_MAIN(TestCheckCommand)
#include "tst_checkcommand.moc"
