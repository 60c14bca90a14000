// Every output of log text, fed the same hostile deployment: secrets of each pattern, each
// value marked LEAK, and an instance name (from a JSON "service") holding an api key, a
// forged line and a terminal escape. No output may show a LEAK value, and the text outputs
// (vigil check, vigil scan, notifications, command arguments) stay one line per item.

#include "models/alertlistmodel.h"
#include "models/alerts/alertengine.h"
#include "models/alerts/alertjson.h"
#include "models/alerts/rulesfile.h"
#include "models/exec/executor.h"
#include "models/export/entryexport.h"
#include "models/ingest/scanner.h"
#include "models/instancemodel.h"
#include "models/logtablemodel.h"
#include "models/metrics/metricsmodel.h"
#include "views/alerts/alertactions.h"
#include "views/alerts/alertbanner.h"
#include "views/alerts/alertpresenter.h"
#include "views/detailpane.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QBuffer>
#include <QClipboard>
#include <QDateTime>
#include <QJsonDocument>
#include <QLabel>
#include <QProcess>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTextBrowser>
#include <QtTest>

using namespace vigil;

namespace {
const QByteArray kInstanceJson = R"(svc api_key=sk-LEAK0\n[CRITICAL] forged\u001b[2J)";

QByteArray isoNow(int secondsAgo) {
    return QDateTime::currentDateTimeUtc().addSecs(-secondsAgo).toString(Qt::ISODateWithMs).toUtf8();
}

// Lines of every secret pattern; their times are recent so that alerts are announced.
QByteArray hostileLog() {
    QByteArray log;
    const QByteArray lines[] = {
        R"("event": "login failed password=\"LEAK1 x\" DB_PASSWORD=LEAK2 user_password=LEAK3")",
        R"("event": "connect https://admin:LEAK4@db:5432/app", "accessToken": "LEAK5", "refreshToken": "LEAK6")",
        R"("event": "call", "api_key": ["LEAK7"], "password": {"value": "LEAK8"}, "pass\u0077ord": "LEAK9")",
        R"("event": "keys", "sessionToken": "LEAK10", "credentials": {"u": "LEAK11"}, "private_key": "LEAK12", "cookie": "LEAK13", "passphrase": "LEAK14")",
        R"("event": "headers Authorization: Basic LEAK15 then Bearer sk-ant:LEAK16 client_secret=LEAK17")",
        R"("event": "env MYSQL_PASSWORD=LEAK18 AWS_SECRET_ACCESS_KEY=LEAK19 accessToken=LEAK20 password='LEAK21'")",
    };
    int i = 0;
    for (const QByteArray& l : lines)
        log += "{\"timestamp\": \"" + isoNow(30 - i++) +
               "\", \"level\": \"error\", \"logger\": \"auth token=LEAK22\", " + "\"service\": \"" +
               kInstanceJson + "\", " + l + "}\n";
    return log;
}

void verifyClean(const QString& output, const char* where) {
    QVERIFY2(!output.contains(QLatin1String("LEAK")),
             qPrintable(QStringLiteral("%1: %2").arg(QLatin1String(where), output)));
}
// One line per item: no raw control character, so no forged line and no terminal escape.
void verifyOneLine(const QString& output, const char* where) {
    for (const QChar c : output)
        QVERIFY2(c.unicode() >= 0x20 && c.unicode() != 0x7f,
                 qPrintable(QStringLiteral("%1: %2").arg(QLatin1String(where), output)));
}
} // namespace

class TestSecretOutputs : public QObject {
    Q_OBJECT
    Executor m_executor; // runs the models' queries, as the window's does
  private Q_SLOTS:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        QDir(m_dir.path()).mkpath(QStringLiteral("svc/logs"));
        QFile f(m_dir.filePath(QStringLiteral("svc/logs/app.log")));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(hostileLog());
        f.close();
        QFile rules(m_dir.filePath(QStringLiteral("rules.json")));
        QVERIFY(rules.open(QIODevice::WriteOnly));
        rules.write(R"({"rules": [{"id": "errors", "name": "Errors", "metric": "error_rate", "scope": "each",
                        "window": 60, "warning": 1, "critical": 2, "min_samples": 1}]})");
        rules.close();
        const ScanOutcome outcome = scanInto(m_store, {m_dir.filePath(QStringLiteral("svc"))});
        QCOMPARE(m_store.size(), std::size_t(6));
        // The instance really is the hostile name, secret and control characters included.
        const auto name = m_store.instances().text(m_store.instance(m_store.beginIndex()).value);
        QVERIFY(std::string(name).find("LEAK0\n[CRITICAL]") != std::string::npos);
    }

    void table() {
        LogTableModel model(m_store, m_executor);
        QAbstractItemModelTester tester(&model);
        model.entriesAppended();
        QTRY_VERIFY(model.settled() && model.rowCount() == 6);
        for (int r = 0; r < model.rowCount(); ++r)
            for (int c = 0; c < model.columnCount(); ++c)
                for (int role : {int(Qt::DisplayRole), int(Qt::ToolTipRole)}) {
                    const QString shown = model.data(model.index(r, c), role).toString();
                    verifyClean(shown, "table");
                    if (c != LogTableModel::MessageColumn) verifyOneLine(shown, "table");
                }
        InstanceModel instances(m_store);
        instances.refresh();
        QAbstractItemModelTester instanceTester(&instances);
        for (int root = 0; root < instances.rowCount(); ++root)
            for (int r = 0; r < instances.rowCount(instances.index(root, 0)); ++r) {
                const QString name = instances.index(r, 0, instances.index(root, 0)).data().toString();
                verifyClean(name, "sidebar");
                verifyOneLine(name, "sidebar");
            }
    }

    void detailAndCopies() {
        LogTableModel model(m_store, m_executor);
        model.entriesAppended();
        QTRY_VERIFY(model.settled() && model.rowCount() == 6);
        DetailPane pane;
        pane.setModel(&model);
        for (EntryIndex e : model.rows()) {
            pane.showEntry(e);
            verifyClean(pane.findChild<QTextBrowser*>()->toPlainText(), "detail text");
            const auto* fields = pane.findChild<QTableWidget*>();
            for (int r = 0; r < fields->rowCount(); ++r)
                verifyClean(fields->item(r, 1)->text(), "detail fields");
            for (const QLabel* label : pane.findChildren<QLabel*>())
                verifyClean(label->text(), "detail header");
            for (QPushButton* button : pane.findChildren<QPushButton*>()) {
                if (!button->text().startsWith(QLatin1String("Copy"))) continue;
                QApplication::clipboard()->clear();
                button->click();
                QVERIFY(!QApplication::clipboard()->text().isEmpty());
                verifyClean(QApplication::clipboard()->text(), "copy");
            }
        }
        // The window's reveal choice shows them: the masking above is real, not missing data.
        model.setReveal(true);
        pane.showEntry(model.rows().front());
        QVERIFY(pane.entryAsText().contains(QLatin1String("LEAK")));
    }

    void exports() {
        LogTableModel model(m_store, m_executor);
        model.entriesAppended();
        QTRY_VERIFY(model.settled() && model.rowCount() == 6);
        for (ExportFormat format : {ExportFormat::JsonLines, ExportFormat::Csv}) {
            QBuffer buffer;
            buffer.open(QIODevice::WriteOnly);
            QCOMPARE(exportEntries(m_store, model.rows(), format, model.masker(), buffer), QString());
            QVERIFY(buffer.data().count('\n') >= 6);
            verifyClean(QString::fromUtf8(buffer.data()), "export");
        }
    }

    void alertsNotificationsWebhookCommand() {
        MetricsModel metrics;
        AlertEngine engine(metrics);
        engine.setRules(parseRules(readRules()).document.rules);
        AlertBanner banner;
        AlertPresenter presenter(&banner);
        presenter.setEngine(&engine);
        presenter.setAnnouncing(true);
        AlertListModel list(engine);
        QAbstractItemModelTester tester(&list);
        QSignalSpy notified(&presenter, &AlertPresenter::notified);
        metrics.ingest(m_store, m_store.beginIndex(), m_store.endIndex());
        engine.ingest(m_store, m_store.beginIndex(), m_store.endIndex());
        engine.flush();
        QVERIFY(!engine.history().empty());
        QVERIFY(notified.count() > 0);
        for (const QList<QVariant>& n : notified) {
            verifyClean(n.at(0).toString() + n.at(1).toString(), "notification");
            verifyOneLine(n.at(1).toString(), "notification");
        }
        verifyClean(presenter.toolTip(), "tray tooltip");
        if (banner.isVisibleTo(nullptr)) verifyClean(banner.text(), "banner");
        for (int r = 0; r < list.rowCount(); ++r)
            for (int c = 0; c < list.columnCount(); ++c) {
                verifyClean(list.index(r, c).data().toString(), "alert list");
                verifyClean(list.index(r, c).data(Qt::ToolTipRole).toString(), "alert list");
            }
        for (const Alert& a : engine.history()) {
            QVERIFY(a.instance.contains(QLatin1String("LEAK0"))); // the engine keeps the real name
            const QString payload =
                QString::fromUtf8(QJsonDocument(webhookPayload(a, AlertEvent::Raised)).toJson());
            verifyClean(payload, "webhook");
            const QStringList args = AlertActions::expandArguments(
                {QStringLiteral("{severity}"), QStringLiteral("{rule}"), QStringLiteral("{instance}"),
                 QStringLiteral("{value}"), QStringLiteral("{message}"),
                 QStringLiteral("sh -c 'x {instance}'")},
                a, AlertEvent::Raised);
            for (const QString& arg : args) {
                verifyClean(arg, "command argument");
                verifyOneLine(arg, "command argument");
            }
        }
    }

    void checkCommand() {
        for (const QString& json : {QString(), QStringLiteral("--json")}) {
            QStringList args{QStringLiteral("check"), m_dir.filePath(QStringLiteral("svc")),
                             QStringLiteral("--rules"), m_dir.filePath(QStringLiteral("rules.json"))};
            if (!json.isEmpty()) args << json;
            const QString out = run(args);
            QVERIFY2(out.contains(QLatin1String("svc api_key=***")), qPrintable(out));
            verifyClean(out, "vigil check");
            // Text: every line is one the command wrote (the forged one stays inside its line).
            for (const QString& line : out.split(QLatin1Char('\n'))) {
                verifyOneLine(line, "vigil check");
                QVERIFY2(!line.startsWith(QLatin1String("[CRITICAL] forged")), qPrintable(out));
            }
        }
    }

    void scanCommand() {
        for (const QString& json : {QString(), QStringLiteral("--json")}) {
            QStringList args{QStringLiteral("scan"), m_dir.filePath(QStringLiteral("svc"))};
            if (!json.isEmpty()) args << json;
            const QString out = run(args);
            QVERIFY2(out.contains(QLatin1String("svc api_key=***")), qPrintable(out));
            verifyClean(out, "vigil scan");
            for (const QString& line : out.split(QLatin1Char('\n'))) {
                verifyOneLine(line, "vigil scan");
                QVERIFY2(!line.startsWith(QLatin1String("[CRITICAL] forged")), qPrintable(out));
            }
        }
    }

  private:
    QByteArray readRules() {
        QFile f(m_dir.filePath(QStringLiteral("rules.json")));
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }
    QString run(const QStringList& args) {
        QProcess p;
        p.start(QStringLiteral(VIGIL_BINARY), args);
        if (!p.waitForFinished(60000)) return QStringLiteral("(timed out)");
        return QString::fromUtf8(p.readAllStandardOutput());
    }

    QTemporaryDir m_dir;
    EntryStore m_store;
};

QTEST_MAIN(TestSecretOutputs)
#include "tst_secretoutputs.moc"
