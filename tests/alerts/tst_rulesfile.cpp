// The rules file: defaults written on first use, round trip, and broken files whose
// messages name the line and the problem while the last good rules stay in force.

#include "models/alerts/rulesfile.h"
#include "models/alerts/rulessource.h"

#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

using namespace vigil;

namespace {
void write(const QString& path, const QByteArray& text) {
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    f.write(text);
}
} // namespace

class TestRulesFile : public QObject {
    Q_OBJECT
  private Q_SLOTS:
    void defaultsWrittenOnFirstLoad();
    void roundTrip();
    void syntaxErrorNamesLineAndColumn();
    void contentErrorsNameRuleFieldAndLine_data();
    void contentErrorsNameRuleFieldAndLine();
    void lastGoodRulesStayInForce();
    void actions();
    void rulesReloadedWhenEditedKeepingLastGood();
    void manyBrokenRulesLocatedInLinearTime();
};

void TestRulesFile::defaultsWrittenOnFirstLoad() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("config/vigil/rules.json"));
    const RulesParseResult r = loadRulesFile(path, true);
    QVERIFY2(r.ok(), qPrintable(r.errors.join('\n')));
    QVERIFY(QFile::exists(path));
    const auto defaults = defaultAlertRules();
    QCOMPARE(r.document.rules.size(), defaults.size());
    // FORMATS.md's figures.
    auto find = [&](AlertMetric m) {
        for (const AlertRule& x : r.document.rules)
            if (x.metric == m) return x;
        return AlertRule();
    };
    QCOMPARE(*find(AlertMetric::RequestDuration).warning, 5.0);
    QCOMPARE(*find(AlertMetric::RequestDuration).critical, 10.0);
    QCOMPARE(*find(AlertMetric::RequestDurationTools).warning, 30.0);
    QCOMPARE(*find(AlertMetric::RequestDurationTools).critical, 60.0);
    QCOMPARE(*find(AlertMetric::ErrorRate).warning, 5.0);
    QCOMPARE(*find(AlertMetric::ErrorRate).critical, 10.0);
    QCOMPARE(*find(AlertMetric::AuthFailures).warning, 10.0);
    QVERIFY(!find(AlertMetric::AuthFailures).critical);
    QCOMPARE(*find(AlertMetric::P95).warning, 2.0);
    QCOMPARE(*find(AlertMetric::InstanceSilent).warning, 300.0);
    for (const AlertRule& x : r.document.rules)
        QCOMPARE(x.repeatSeconds, 900);
    QVERIFY(!r.document.actions.webhook.enabled);
    QVERIFY(!r.document.actions.command.enabled);
    // A second load reads the file that is there.
    QVERIFY(loadRulesFile(path, true).ok());
}

void TestRulesFile::roundTrip() {
    RulesDocument d;
    AlertRule r;
    r.id = QStringLiteral("x");
    r.name = QStringLiteral("Listed");
    r.metric = AlertMetric::P95;
    r.scope = ScopeKind::List;
    r.instances = {QStringLiteral("eco-backend"), QStringLiteral("local-llm")};
    r.windowSeconds = 120;
    r.warning = 1.5;
    r.critical.reset();
    r.forSeconds = 30;
    r.repeatSeconds = 60;
    r.minSamples = 7;
    r.enabled = false;
    d.rules.push_back(r);
    d.actions.webhook = {true, QStringLiteral("http://127.0.0.1:9/hook"), 1500, Severity::Critical};
    d.actions.command = {
        true, QStringLiteral("/bin/echo"), {QStringLiteral("{severity}")}, 2000, Severity::Warning};
    const RulesParseResult back = parseRules(rulesToJson(d));
    QVERIFY2(back.ok(), qPrintable(back.errors.join('\n')));
    const AlertRule& b = back.document.rules.at(0);
    QCOMPARE(b.id, r.id);
    QCOMPARE(b.metric, r.metric);
    QCOMPARE(b.scope, ScopeKind::List);
    QCOMPARE(b.instances, r.instances);
    QCOMPARE(b.windowSeconds, 120);
    QCOMPARE(*b.warning, 1.5);
    QVERIFY(!b.critical);
    QCOMPARE(b.forSeconds, 30);
    QCOMPARE(b.repeatSeconds, 60);
    QCOMPARE(b.minSamples, 7);
    QCOMPARE(b.enabled, false);
    QCOMPARE(back.document.actions.webhook.url, d.actions.webhook.url);
    QCOMPARE(back.document.actions.webhook.timeoutMs, 1500);
    QCOMPARE(back.document.actions.webhook.minSeverity, Severity::Critical);
    QCOMPARE(back.document.actions.command.arguments, d.actions.command.arguments);
}

void TestRulesFile::syntaxErrorNamesLineAndColumn() {
    const QByteArray text =
        "{\n  \"rules\": [\n    {\"id\": \"a\", \"metric\": \"p95\", \"warning\": 2,}\n  ]\n}\n";
    const RulesParseResult r = parseRules(text);
    QCOMPARE(r.errors.size(), 1);
    QVERIFY2(r.errors[0].startsWith(QLatin1String("line 3, column ")), qPrintable(r.errors[0]));
    QVERIFY(r.document.rules.empty());
}

void TestRulesFile::contentErrorsNameRuleFieldAndLine_data() {
    QTest::addColumn<QByteArray>("rule");
    QTest::addColumn<QString>("expected");
    QTest::newRow("unknown metric")
        << QByteArray("\"id\": \"r\",\n     \"metric\": \"latency\", \"warning\": 1")
        << QStringLiteral("line 5: rule 2 (\"r\"), metric: unknown metric \"latency\"");
    QTest::newRow("negative threshold")
        << QByteArray("\"id\": \"r\", \"metric\": \"p95\",\n     \"warning\": -1")
        << QStringLiteral("line 5: rule 2 (\"r\"), warning: must be a number of at least 0");
    QTest::newRow("warning above critical")
        << QByteArray("\"id\": \"r\", \"metric\": \"error_rate\",\n     \"warning\": 20, \"critical\": 10")
        << QStringLiteral("line 5: rule 2 (\"r\"), warning: 20 is above critical 10");
    QTest::newRow("no threshold") << QByteArray("\"id\": \"r\", \"metric\": \"p95\"")
                                  << QStringLiteral(
                                         "line 4: rule 2 (\"r\"), warning: at least one threshold is needed");
    QTest::newRow("bad window")
        << QByteArray("\"id\": \"r\", \"metric\": \"p95\", \"warning\": 1,\n     \"window\": 0")
        << QStringLiteral("line 5: rule 2 (\"r\"), window: must be at least 1 second");
    QTest::newRow("fractional for")
        << QByteArray("\"id\": \"r\", \"metric\": \"p95\", \"warning\": 1,\n\n     \"for\": 1.5")
        << QStringLiteral("line 6: rule 2 (\"r\"), for: must be a whole number of seconds");
    QTest::newRow("fractional min_samples")
        << QByteArray("\"id\": \"r\", \"metric\": \"p95\", \"warning\": 1,\n     \"min_samples\": 2.5")
        << QStringLiteral(
               "line 5: rule 2 (\"r\"), min_samples: must be a whole number: how many operations or "
               "requests the window needs");
    QTest::newRow("typo field")
        << QByteArray("\"id\": \"r\", \"metric\": \"p95\", \"warning\": 1,\n     \"treshold\": 3")
        << QStringLiteral("line 5: rule 2 (\"r\"), treshold: unknown field");
    QTest::newRow("bad scope")
        << QByteArray("\"id\": \"r\", \"metric\": \"p95\", \"warning\": 1,\n     \"scope\": \"some\"")
        << QStringLiteral("line 5: rule 2 (\"r\"), scope: must be \"all\", \"each\" or a list");
    QTest::newRow("duplicate id") << QByteArray("\"id\": \"first\", \"metric\": \"p95\", \"warning\": 1")
                                  << QStringLiteral(
                                         "rule 2 (\"first\"), id: \"first\" is used by an earlier rule");
}

void TestRulesFile::contentErrorsNameRuleFieldAndLine() {
    QFETCH(QByteArray, rule);
    QFETCH(QString, expected);
    const QByteArray text =
        "{\"rules\": [\n    {\"id\": \"first\", \"metric\": \"error_rate\", \"warning\": 5},\n"
        "    {\n     " +
        rule + "\n    }\n]}\n";
    const RulesParseResult r = parseRules(text);
    QVERIFY(!r.ok());
    QVERIFY2(r.errors.join('\n').contains(expected),
             qPrintable(r.errors.join('\n') + "\nexpected: " + expected));
    QVERIFY(r.document.rules.empty());
}

void TestRulesFile::lastGoodRulesStayInForce() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("rules.json"));
    RulesDocument inForce;
    QVERIFY(reloadRules(path, inForce).isEmpty()); // created with the defaults
    QCOMPARE(inForce.rules.size(), defaultAlertRules().size());
    write(path, "{\"rules\": [{\"id\": \"only\", \"metric\": \"p95\", \"warning\": 3}]}");
    QVERIFY(reloadRules(path, inForce).isEmpty());
    QCOMPARE(inForce.rules.size(), std::size_t(1));
    write(path, "{\"rules\": [\n{\"id\": \"only\", \"metric\": \"p95\" \"warning\": 3}]}");
    const QStringList errors = reloadRules(path, inForce);
    QCOMPARE(errors.size(), 1);
    QVERIFY2(errors[0].startsWith(path + QStringLiteral(": line 2, column ")), qPrintable(errors[0]));
    QCOMPARE(inForce.rules.size(), std::size_t(1));
    QCOMPARE(inForce.rules[0].id, QStringLiteral("only"));
    // Unreadable: a folder where the file should be.
    const QString folder = dir.filePath(QStringLiteral("folder.json"));
    QVERIFY(QDir().mkpath(folder));
    QVERIFY(!reloadRules(folder, inForce, false).isEmpty());
    QCOMPARE(inForce.rules[0].id, QStringLiteral("only"));
}

void TestRulesFile::actions() {
    const RulesParseResult bad =
        parseRules("{\"rules\": [], \"actions\": {\"webhook\": {\"enabled\": true, \"url\": \"ftp://x\"}, "
                   "\"command\": {\"enabled\": true, \"timeout_ms\": 0}}}");
    QVERIFY(!bad.ok());
    const QString all = bad.errors.join('\n');
    QVERIFY2(all.contains(QLatin1String("actions.webhook.url: \"ftp://x\" is not an http(s) URL")),
             qPrintable(all));
    QVERIFY2(all.contains(QLatin1String("actions.command.timeout_ms")), qPrintable(all));
    QVERIFY2(all.contains(QLatin1String("actions.command.program")), qPrintable(all));
}

void TestRulesFile::rulesReloadedWhenEditedKeepingLastGood() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("vigil/rules.json"));
    RulesSource rules;
    QSignalSpy problems(&rules, &RulesSource::problemsChanged);
    QVERIFY(rules.load(path).isEmpty());
    QCOMPARE(rules.document().rules.size(), defaultAlertRules().size());
    // Edited by hand and broken: a message with the line, the defaults stay in force.
    write(path, "{\"rules\": [\n  {\"id\": \"x\", \"metric\": \"errors\", \"warning\": 1}\n]}\n");
    QTRY_VERIFY_WITH_TIMEOUT(!rules.problems().isEmpty(), 5000);
    QVERIFY2(rules.problems().at(0).contains(
                 QLatin1String("line 2: rule 1 (\"x\"), metric: unknown metric \"errors\"")),
             qPrintable(rules.problems().at(0)));
    QCOMPARE(rules.document().rules.size(), defaultAlertRules().size());
    // Fixed, and replaced by rename as editors do: applied.
    write(path + QStringLiteral(".tmp"),
          "{\"rules\": [{\"id\": \"x\", \"metric\": \"error_rate\", \"warning\": 1}]}");
    QVERIFY(QFile::remove(path));
    QVERIFY(QFile::rename(path + QStringLiteral(".tmp"), path));
    QTRY_COMPARE_WITH_TIMEOUT(rules.document().rules.size(), std::size_t(1), 5000);
    QVERIFY(rules.problems().isEmpty());
    QCOMPARE(rules.document().rules[0].id, QStringLiteral("x"));
    QVERIFY(problems.count() >= 3);
}

void TestRulesFile::manyBrokenRulesLocatedInLinearTime() {
    // 20,000 rules, each with a mistake, every message naming its line: each message used
    // to search the whole text again (2,000 rules took 2.3 s, 20,000 minutes).
    QByteArray text = "{\"rules\": [\n";
    const int count = 20000;
    for (int i = 0; i < count; ++i)
        text += "  {\n    \"id\": \"rule-" + QByteArray::number(i) +
                "\",\n    \"metric\": \"error_rate\",\n    \"warning\": 5,\n    \"min_samples\": 1.5\n  }" +
                (i + 1 < count ? ",\n" : "\n");
    text += "]}\n";
    QElapsedTimer timer;
    timer.start();
    const RulesParseResult r = parseRules(text);
    const qint64 ms = timer.elapsed();
    QCOMPARE(r.errors.size(), count);
    QVERIFY2(r.errors.last().startsWith(QStringLiteral("line %1: rule 20000").arg(6 * (count - 1) + 6)),
             qPrintable(r.errors.last()));
    // Well under a second in Release; generous for sanitizer builds on a busy machine.
    QVERIFY2(ms < 20000, qPrintable(QStringLiteral("%1 ms").arg(ms)));
    qInfo("20,000 broken rules parsed and located in %lld ms", ms);
}

QTEST_GUILESS_MAIN(TestRulesFile)
#include "tst_rulesfile.moc"
