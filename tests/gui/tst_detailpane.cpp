// The detail pane presents what its format gives an entry: a logfmt line's every key as a
// field (masked where secret), a JSON line indented, an EVENT payload below its line, and
// the format's name in the header.

#include "models/exec/executor.h"
#include "models/ingest/scanner.h"
#include "models/logtablemodel.h"
#include "views/detailpane.h"

#include <QAbstractItemModelTester>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTextBrowser>
#include <QtTest>

using namespace vigil;

namespace {
// A logfmt line, a JSON line and a Python EVENT line, in one file (plain string literals:
// moc does not read raw ones).
const char kLines[] =
    "time=2025-11-10T10:20:01Z level=warn msg=\"slow upstream \\\"billing\\\" answered\" latency=1.5s "
    "instance=web-2 request_id=req_1 password=hunter2 cached\n"
    "{\"timestamp\": \"2025-11-10T10:20:02Z\", \"level\": \"INFO\", \"message\": \"ok\", \"request_id\": "
    "\"req_2\"}\n"
    "2025-11-10 10:20:03 - [eco] - events - INFO - EVENT: {\"event_type\": \"authentication\", \"data\": "
    "{\"session_id\": \"abcdef123456\"}}\n";
} // namespace

class TestDetailPane : public QObject {
    Q_OBJECT
    Executor m_executor; // runs the table's queries, as the window's does

    QTemporaryDir m_dir;
    EntryStore m_store;

    static QMap<QString, QString> fieldsShown(const DetailPane& pane) {
        QMap<QString, QString> shown;
        const QTableWidget* table = pane.fieldsTable();
        for (int r = 0; r < table->rowCount(); ++r)
            shown.insert(table->item(r, 0)->text(), table->item(r, 1)->text());
        return shown;
    }

    EntryIndex entryContaining(const char* text) {
        for (auto i = m_store.beginIndex().value; i < m_store.endIndex().value; ++i) {
            std::string entry;
            m_store.readText(EntryIndex(i), entry);
            if (entry.find(text) != std::string::npos) return EntryIndex(i);
        }
        qFatal("no entry holds %s", text);
    }

  private Q_SLOTS:
    void initTestCase() {
        QDir().mkpath(m_dir.filePath(QStringLiteral("web/logs")));
        QFile file(m_dir.filePath(QStringLiteral("web/logs/app.log")));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(kLines);
        file.close();
        scanInto(m_store, {m_dir.path()});
        QCOMPARE(m_store.size(), std::uint64_t(3));
    }

    void logfmtEntryShowsEveryKey() {
        LogTableModel model(m_store, m_executor);
        QAbstractItemModelTester tester(&model);
        model.entriesAppended();
        QTRY_VERIFY(model.settled() && model.rowCount() == 3);
        DetailPane pane;
        pane.setModel(&model);
        pane.showEntry(entryContaining("latency=1.5s"));
        const QMap<QString, QString> fields = fieldsShown(pane);
        QCOMPARE(fields.value(QStringLiteral("msg")), QStringLiteral("slow upstream \"billing\" answered"));
        QCOMPARE(fields.value(QStringLiteral("latency")), QStringLiteral("1.5s"));
        QCOMPARE(fields.value(QStringLiteral("duration_seconds")), QStringLiteral("1.5"));
        QCOMPARE(fields.value(QStringLiteral("instance")), QStringLiteral("web-2"));
        QCOMPARE(fields.value(QStringLiteral("password")), QStringLiteral("***"));
        QVERIFY(fields.contains(QStringLiteral("cached")));
        QCOMPARE(fields.size(), 9);
        bool named = false;
        for (const QLabel* label : pane.findChildren<QLabel*>())
            named = named || label->text().contains(QStringLiteral("logfmt"));
        QVERIFY(named);
        QVERIFY(pane.idsLabel()->text().contains(QStringLiteral("req_1")));
        QVERIFY(!pane.textView()->toPlainText().contains(QStringLiteral("hunter2")));
        const QJsonObject copied = QJsonDocument::fromJson(pane.entryAsJson().toUtf8()).object();
        QCOMPARE(
            copied.value(QStringLiteral("fields")).toObject().value(QStringLiteral("latency")).toString(),
            QStringLiteral("1.5s"));
    }

    void jsonIndentedAndEventExpanded() {
        LogTableModel model(m_store, m_executor);
        model.entriesAppended();
        QTRY_VERIFY(model.settled() && model.rowCount() == 3);
        DetailPane pane;
        pane.setModel(&model);
        pane.showEntry(entryContaining("\"req_2\""));
        QVERIFY(pane.textView()->toPlainText().startsWith(QStringLiteral("{\n")));
        QCOMPARE(fieldsShown(pane).value(QStringLiteral("request_id")), QStringLiteral("req_2"));
        pane.showEntry(entryContaining("EVENT:"));
        const QString text = pane.textView()->toPlainText();
        QVERIFY2(text.contains(QStringLiteral("\n\n{\n")), qPrintable(text));
        QCOMPARE(fieldsShown(pane).value(QStringLiteral("event_type")), QStringLiteral("authentication"));
    }
};

QTEST_MAIN(TestDetailPane)
#include "tst_detailpane.moc"
