// The actions beyond the tray against real receivers: a webhook POST to an HTTP server
// on loopback (a QTcpServer here), its timeout and refusal, and the command action with
// its arguments, standard input, failure and timeout.

#include "views/alerts/alertactions.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QtTest>

using namespace vigil;

namespace {

// The instance name a hostile log line gave: {"service": "x'; touch PWNED; echo '...\n--output=..."}
const QString kHostileInstance =
    QStringLiteral("x'; touch PWNED; echo '\u2026\n--output=/etc/passwd {message}");

Alert sampleAlert() {
    Alert a;
    a.id = 42;
    a.ruleId = QStringLiteral("error-rate");
    a.ruleName = QStringLiteral("Error rate");
    a.metric = AlertMetric::ErrorRate;
    a.instance = QStringLiteral("eco-backend");
    a.severity = a.peakSeverity = Severity::Critical;
    a.value = a.peakValue = 14.24;
    a.currentValue = 12.5;
    a.threshold = 10;
    a.raisedUs = 1762770004LL * 1000000;
    a.windowUs = 60LL * 1000000;
    return a;
}

// A minimal HTTP/1.1 receiver: collects one request (headers and body by Content-Length)
// and answers with `status`, or not at all when status is 0.
class Receiver : public QObject {
  public:
    explicit Receiver(int status) : m_status(status) {
        m_server.listen(QHostAddress::LocalHost, 0);
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            QTcpSocket* s = m_server.nextPendingConnection();
            connect(s, &QTcpSocket::readyRead, this, [this, s] {
                m_raw += s->readAll();
                const int end = m_raw.indexOf("\r\n\r\n");
                if (end < 0) return;
                const QList<QByteArray> lines = m_raw.left(end).split('\n');
                requestLine = lines.value(0).trimmed();
                int length = 0;
                for (const QByteArray& l : lines.mid(1)) {
                    const int colon = l.indexOf(':');
                    const QByteArray name = l.left(colon).trimmed().toLower(),
                                     value = l.mid(colon + 1).trimmed();
                    headers.insert(name, value);
                    if (name == "content-length") length = value.toInt();
                }
                if (m_raw.size() < end + 4 + length) return;
                body = m_raw.mid(end + 4, length);
                ++requests;
                if (m_status)
                    s->write("HTTP/1.1 " + QByteArray::number(m_status) +
                             " X\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok");
            });
        });
    }
    QUrl url() const {
        return QUrl(QStringLiteral("http://127.0.0.1:%1/services/T000/B000/hook").arg(m_server.serverPort()));
    }

    QByteArray requestLine, body;
    QMap<QByteArray, QByteArray> headers;
    int requests = 0;

  private:
    QTcpServer m_server;
    QByteArray m_raw;
    int m_status;
};

} // namespace

class TestAlertActions : public QObject {
    Q_OBJECT
  private Q_SLOTS:
    void webhookPostsSlackShapedPayload();
    void webhookTimeoutAndErrorsReported();
    void offByDefaultAndMinimumSeverity();
    void commandRunsWithArgumentsAndPayload();
    void commandFailuresReported();
    void commandValuesFromLogsStayData();
    void commandValuesNeverOptionsNorExpandedAgain();
    void webhookAndCommandMaskSecrets();
};

void TestAlertActions::webhookPostsSlackShapedPayload() {
    Receiver receiver(200);
    AlertActions actions;
    AlertActionSettings s;
    s.webhook.enabled = true;
    s.webhook.url = receiver.url().toString();
    s.webhook.timeoutMs = 5000;
    actions.setSettings(s);
    QSignalSpy ok(&actions, &AlertActions::succeeded);
    QSignalSpy failed(&actions, &AlertActions::failed);
    actions.run(sampleAlert(), AlertEvent::Raised);
    QTRY_COMPARE_WITH_TIMEOUT(ok.count(), 1, 5000);
    QCOMPARE(failed.count(), 0);
    QVERIFY2(ok.at(0).at(0).toString().contains(QLatin1String("HTTP 200")),
             qPrintable(ok.at(0).at(0).toString()));

    QCOMPARE(receiver.requests, 1);
    QCOMPARE(receiver.requestLine, QByteArray("POST /services/T000/B000/hook HTTP/1.1"));
    QCOMPARE(receiver.headers.value("content-type"), QByteArray("application/json"));
    QJsonParseError pe;
    const QJsonObject payload = QJsonDocument::fromJson(receiver.body, &pe).object();
    QCOMPARE(pe.error, QJsonParseError::NoError);
    // Slack's incoming-webhook shape: text plus attachments with colour and fields.
    QCOMPARE(
        payload.value(QStringLiteral("text")).toString(),
        QStringLiteral("[Vigil] CRITICAL: Error rate on eco-backend: 14.2% > 10% when it fired, now 12.5%"));
    const QJsonObject attachment = payload.value(QStringLiteral("attachments")).toArray().at(0).toObject();
    QCOMPARE(attachment.value(QStringLiteral("color")).toString(), QStringLiteral("danger"));
    QMap<QString, QString> fields;
    for (const QJsonValue& f : attachment.value(QStringLiteral("fields")).toArray())
        fields.insert(f.toObject().value(QStringLiteral("title")).toString(),
                      f.toObject().value(QStringLiteral("value")).toString());
    QCOMPARE(fields.value(QStringLiteral("Instance")), QStringLiteral("eco-backend"));
    QCOMPARE(fields.value(QStringLiteral("Value")), QStringLiteral("14.2%"));
    QCOMPARE(fields.value(QStringLiteral("Threshold")), QStringLiteral("10%"));
    QCOMPARE(fields.value(QStringLiteral("Raised")), QStringLiteral("2025-11-10T10:20:04.000Z"));
    // The fields for programs.
    const QJsonObject v = payload.value(QStringLiteral("vigil")).toObject();
    QCOMPARE(v.value(QStringLiteral("event")).toString(), QStringLiteral("raised"));
    QCOMPARE(v.value(QStringLiteral("rule")).toString(), QStringLiteral("error-rate"));
    QCOMPARE(v.value(QStringLiteral("severity")).toString(), QStringLiteral("critical"));
    QCOMPARE(v.value(QStringLiteral("value")).toDouble(), 14.24);
    QCOMPARE(v.value(QStringLiteral("threshold")).toDouble(), 10.0);
    QVERIFY(v.value(QStringLiteral("resolved")).isNull());

    // Resolution is posted too, coloured "good".
    Alert resolved = sampleAlert();
    resolved.resolvedUs = resolved.raisedUs + 90LL * 1000000;
    Receiver second(204);
    s.webhook.url = second.url().toString();
    actions.setSettings(s);
    actions.run(resolved, AlertEvent::Resolved);
    QTRY_COMPARE_WITH_TIMEOUT(ok.count(), 2, 5000);
    const QJsonObject p2 = QJsonDocument::fromJson(second.body).object();
    QVERIFY(p2.value(QStringLiteral("text")).toString().startsWith(QLatin1String("[Vigil] Resolved: ")));
    QCOMPARE(p2.value(QStringLiteral("attachments"))
                 .toArray()
                 .at(0)
                 .toObject()
                 .value(QStringLiteral("color"))
                 .toString(),
             QStringLiteral("good"));
    QCOMPARE(p2.value(QStringLiteral("vigil")).toObject().value(QStringLiteral("resolved")).toString(),
             QStringLiteral("2025-11-10T10:21:34.000Z"));
}

void TestAlertActions::webhookTimeoutAndErrorsReported() {
    Receiver silent(0); // accepts and reads, never answers
    AlertActions actions;
    AlertActionSettings s;
    s.webhook.enabled = true;
    s.webhook.url = silent.url().toString();
    s.webhook.timeoutMs = 300;
    actions.setSettings(s);
    QSignalSpy failed(&actions, &AlertActions::failed);
    QElapsedTimer clock;
    clock.start();
    actions.run(sampleAlert(), AlertEvent::Raised);
    QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, 5000);
    QVERIFY2(failed.at(0).at(0).toString().contains(QLatin1String("no answer within 300 ms")),
             qPrintable(failed.at(0).at(0).toString()));
    QVERIFY(clock.elapsed() < 3000);
    QCOMPARE(silent.requests, 1);

    Receiver refusing(500);
    s.webhook.url = refusing.url().toString();
    s.webhook.timeoutMs = 5000;
    actions.setSettings(s);
    actions.run(sampleAlert(), AlertEvent::Raised);
    QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 2, 5000);
    QVERIFY2(failed.at(1).at(0).toString().contains(refusing.url().toDisplayString()),
             qPrintable(failed.at(1).at(0).toString()));

    // Nobody listening.
    quint16 port = 0;
    {
        QTcpServer probe;
        probe.listen(QHostAddress::LocalHost, 0);
        port = probe.serverPort();
    }
    s.webhook.url = QStringLiteral("http://127.0.0.1:%1/hook").arg(port);
    actions.setSettings(s);
    actions.run(sampleAlert(), AlertEvent::Raised);
    QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 3, 5000);
    QVERIFY2(failed.at(2).at(0).toString().contains(QLatin1String("refused")),
             qPrintable(failed.at(2).at(0).toString()));
}

void TestAlertActions::offByDefaultAndMinimumSeverity() {
    Receiver receiver(200);
    AlertActions actions;
    QVERIFY(!actions.settings().webhook.enabled);
    QVERIFY(!actions.settings().command.enabled);
    AlertActionSettings s;
    s.webhook.url = receiver.url().toString();
    actions.setSettings(s); // URL set, not enabled
    QSignalSpy ok(&actions, &AlertActions::succeeded);
    actions.run(sampleAlert(), AlertEvent::Raised);
    s.webhook.enabled = true;
    s.webhook.minSeverity = Severity::Critical;
    actions.setSettings(s);
    Alert warning = sampleAlert();
    warning.severity = warning.peakSeverity = Severity::Warning;
    actions.run(warning, AlertEvent::Raised);
    QTest::qWait(300);
    QCOMPARE(receiver.requests, 0);
    actions.run(sampleAlert(), AlertEvent::Raised);
    QTRY_COMPARE_WITH_TIMEOUT(receiver.requests, 1, 5000);
}

void TestAlertActions::commandRunsWithArgumentsAndPayload() {
    QTemporaryDir dir;
    const QString out = dir.filePath(QStringLiteral("out.txt"));
    AlertActions actions;
    AlertActionSettings s;
    s.command.enabled = true;
    s.command.program = QStringLiteral("/bin/sh");
    s.command.arguments = {
        QStringLiteral("-c"),
        QStringLiteral("printf '%s|%s|%s\\n' \"$1\" \"$2\" \"$3\" > \"$0\"; cat >> \"$0\""),
        out,
        QStringLiteral("{severity}"),
        QStringLiteral("{instance}"),
        QStringLiteral("{message}")};
    actions.setSettings(s);
    QSignalSpy ok(&actions, &AlertActions::succeeded);
    actions.run(sampleAlert(), AlertEvent::Raised);
    QTRY_COMPARE_WITH_TIMEOUT(ok.count(), 1, 5000);
    QFile f(out);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = f.readAll().split('\n');
    QCOMPARE(
        lines.at(0),
        QByteArray("critical|eco-backend|Error rate on eco-backend: 14.2% > 10% when it fired, now 12.5%"));
    const QJsonObject payload = QJsonDocument::fromJson(lines.at(1)).object();
    QCOMPARE(payload.value(QStringLiteral("vigil")).toObject().value(QStringLiteral("rule")).toString(),
             QStringLiteral("error-rate"));
}

void TestAlertActions::commandFailuresReported() {
    AlertActions actions;
    AlertActionSettings s;
    s.command.enabled = true;
    s.command.program = QStringLiteral("/bin/sh");
    s.command.arguments = {QStringLiteral("-c"), QStringLiteral("echo broken pipe dream >&2; exit 3")};
    actions.setSettings(s);
    QSignalSpy failed(&actions, &AlertActions::failed);
    actions.run(sampleAlert(), AlertEvent::Raised);
    QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, 5000);
    QVERIFY2(failed.at(0).at(0).toString().contains(QLatin1String("exit code 3: broken pipe dream")),
             qPrintable(failed.at(0).at(0).toString()));

    s.command.arguments = {QStringLiteral("-c"), QStringLiteral("sleep 20")};
    s.command.timeoutMs = 200;
    actions.setSettings(s);
    QElapsedTimer clock;
    clock.start();
    actions.run(sampleAlert(), AlertEvent::Raised);
    QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 2, 5000);
    QVERIFY2(failed.at(1).at(0).toString().contains(QLatin1String("killed after 200 ms")),
             qPrintable(failed.at(1).at(0).toString()));
    QVERIFY(clock.elapsed() < 3000);

    s.command.program = QStringLiteral("/nonexistent/vigil-action");
    s.command.arguments = {};
    actions.setSettings(s);
    actions.run(sampleAlert(), AlertEvent::Raised);
    QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 3, 5000);
    QVERIFY2(failed.at(2).at(0).toString().startsWith(QLatin1String("Command /nonexistent/vigil-action: ")),
             qPrintable(failed.at(2).at(0).toString()));
    QTest::qWait(100);
    QCOMPARE(failed.count(), 3); // reported once
}

void TestAlertActions::commandValuesFromLogsStayData() {
    // A command wrapped in sh -c with the instance inside its script: the log line must not
    // run anything (it ran `touch PWNED` when values were pasted in as they came).
    QTemporaryDir dir;
    AlertActions actions;
    AlertActionSettings s;
    s.command.enabled = true;
    s.command.program = QStringLiteral("/bin/sh");
    s.command.arguments = {QStringLiteral("-c"),
                           QStringLiteral("cd \"$0\" && echo '{instance}' {message} > out.txt"), dir.path()};
    actions.setSettings(s);
    QSignalSpy ok(&actions, &AlertActions::succeeded), failed(&actions, &AlertActions::failed);
    Alert a = sampleAlert();
    a.instance = kHostileInstance;
    actions.run(a, AlertEvent::Raised);
    QTRY_COMPARE_WITH_TIMEOUT(ok.count() + failed.count(), 1, 5000);
    QVERIFY2(!QFile::exists(dir.filePath(QStringLiteral("PWNED"))), "a log line ran a command");
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::NoDotAndDotDot),
             QStringList{QStringLiteral("out.txt")});
    QFile out(dir.filePath(QStringLiteral("out.txt")));
    QVERIFY(out.open(QIODevice::ReadOnly));
    const QByteArray written = out.readAll();
    QCOMPARE(written.count('\n'), 1); // one line: the newline inside the name did not split it
    QVERIFY2(written.contains("x___touch_PWNED__echo"), written.constData());
}

void TestAlertActions::commandValuesNeverOptionsNorExpandedAgain() {
    Alert a = sampleAlert();
    a.instance = kHostileInstance;
    const QStringList args = AlertActions::expandArguments(
        {QStringLiteral("{instance}"), QStringLiteral("{message}"), QStringLiteral("--name={instance}")}, a,
        AlertEvent::Raised);
    // Whole arguments carry the value as written, on one line, with "{message}" left as text.
    QCOMPARE(args.at(0), QStringLiteral("x'; touch PWNED; echo '\u2026\\n--output=/etc/passwd {message}"));
    QCOMPARE(args.at(1).count(QStringLiteral("{message}")), 1);
    QVERIFY(args.at(1).startsWith(QStringLiteral("Error rate on x'; touch PWNED")));
    QCOMPARE(args.at(2), QStringLiteral("--name=x___touch_PWNED__echo____n--output=_etc_passwd__message_"));
    for (const QString& arg : args)
        QVERIFY(!arg.contains(QLatin1Char('\n')));

    // A value never starts an argument with '-': it would be read as an option.
    a.instance = QStringLiteral("--output=/etc/passwd");
    const QStringList dashed = AlertActions::expandArguments(
        {QStringLiteral("{instance}"), QStringLiteral("{instance}.log"), QStringLiteral("at {instance}")}, a,
        AlertEvent::Raised);
    QCOMPARE(dashed, QStringList({QStringLiteral("_--output=/etc/passwd"),
                                  QStringLiteral("_--output=_etc_passwd.log"),
                                  QStringLiteral("at --output=_etc_passwd")}));
    // What is not a placeholder is left alone.
    QCOMPARE(
        AlertActions::expandArguments({QStringLiteral("{nope} {rule}")}, sampleAlert(), AlertEvent::Resolved),
        QStringList{QStringLiteral("{nope} error-rate")});
}

void TestAlertActions::webhookAndCommandMaskSecrets() {
    Alert a = sampleAlert();
    a.instance = QStringLiteral("svc api_key=sk-LEAK1 Bearer sk-ant:LEAK2");
    const QByteArray payload = QJsonDocument(webhookPayload(a, AlertEvent::Raised)).toJson();
    QVERIFY2(!payload.contains("LEAK"), payload.constData());
    QVERIFY(payload.contains("svc api_key=*** Bearer ***"));

    QTemporaryDir dir;
    const QString out = dir.filePath(QStringLiteral("out.txt"));
    AlertActions actions;
    AlertActionSettings s;
    s.command.enabled = true;
    s.command.program = QStringLiteral("/bin/sh");
    s.command.arguments = {QStringLiteral("-c"),
                           QStringLiteral("printf '%s\\n' \"$1\" \"$2\" > \"$0\"; cat >> \"$0\""), out,
                           QStringLiteral("{instance}"), QStringLiteral("{message}")};
    actions.setSettings(s);
    QSignalSpy ok(&actions, &AlertActions::succeeded);
    actions.run(a, AlertEvent::Raised);
    QTRY_COMPARE_WITH_TIMEOUT(ok.count(), 1, 5000);
    QFile f(out);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArray written = f.readAll();
    QVERIFY2(!written.contains("LEAK"), written.constData());
    QVERIFY(written.startsWith("svc api_key=*** Bearer ***\n"));
}

QTEST_MAIN(TestAlertActions)
#include "tst_alertactions.moc"
