// Secrets that a JSON writer's escapes hide from a look at the line as written: the entry's
// decoded message shows them plainly, so the raw line must not. A log of such lines (each
// secret value marked LEAK) through every output that shows an entry's text: the table, the
// detail pane and its copies, and the three export formats (`vigil show` writes the same).
// Also the command-line and XML forms of a secret, through the same outputs.

#include "models/exec/executor.h"
#include "models/export/entryexport.h"
#include "models/ingest/scanner.h"
#include "models/logtablemodel.h"
#include "views/detailpane.h"

#include <QApplication>
#include <QBuffer>
#include <QClipboard>
#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTextBrowser>
#include <QtTest>

using namespace vigil;

namespace {
// Written with escapes rather than raw strings: moc misreads backslashes in raw strings.
const QByteArray kLines[] = {
    "\"msg\": \"connecting to https:\\/\\/u:LEAK1\\u0040host/db\"",
    "\"auth\": \"\\u0062earer LEAK2\", \"msg\": \"retry with \\u0062earer LEAK3\"",
    "\"msg\": \"new session\", \"session\\u005fid\": \"abcdefghLEAK4\"",
    "\"msg\": \"login password:\\tLEAK5 refused\"",
    "\"msg\": \"env p\\u0061ssword=LEAK6\"",
    "\"msg\": \"body={\\\"t\\\": \\\"\\\\u0062earer LEAK7\\\"}\"",
    "\"msg\": \"soap <password>LEAK8</password> sent\"",
    "\"msg\": \"ran mysql --password LEAK9 -h db\"",
    "\"msg\": \"ran curl -u admin:LEAK10 https://api\"",
    "\"msg\": \"callback GET /cb?h=Bearer%20LEAK11&x=1\"",
};

void verifyClean(const QString& output, const char* where) {
    QVERIFY2(!output.contains(QLatin1String("LEAK")),
             qPrintable(QStringLiteral("%1: %2").arg(QLatin1String(where), output)));
}
} // namespace

class TestEscapedSecrets : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    EntryStore m_store;
    Executor m_executor;

  private Q_SLOTS:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        QDir(m_dir.path()).mkpath(QStringLiteral("svc/logs"));
        QFile f(m_dir.filePath(QStringLiteral("svc/logs/app.log")));
        QVERIFY(f.open(QIODevice::WriteOnly));
        int i = 0;
        for (const QByteArray& l : kLines) {
            const QByteArray line =
                "{\"timestamp\": \"" +
                QDateTime::currentDateTimeUtc().addSecs(-60 + i++).toString(Qt::ISODateWithMs).toUtf8() +
                "\", \"level\": \"error\", \"service\": \"svc\", " + l + "}";
            QVERIFY2(!QJsonDocument::fromJson(line).isNull(), line.constData()); // real JSON lines
            f.write(line + "\n");
        }
        f.close();
        scanInto(m_store, {m_dir.filePath(QStringLiteral("svc"))});
        QCOMPARE(m_store.size(), std::size(kLines));
    }

    void table() {
        LogTableModel model(m_store, m_executor);
        model.entriesAppended();
        QTRY_VERIFY(model.settled() && model.rowCount() == int(std::size(kLines)));
        for (int r = 0; r < model.rowCount(); ++r) {
            for (int c = 0; c < model.columnCount(); ++c)
                for (int role : {int(Qt::DisplayRole), int(Qt::ToolTipRole)})
                    verifyClean(model.data(model.index(r, c), role).toString(), "table");
            verifyClean(model.entryText(model.rows()[std::size_t(r)]), "entry text");
        }
    }

    void detailAndCopies() {
        LogTableModel model(m_store, m_executor);
        model.entriesAppended();
        QTRY_VERIFY(model.settled() && model.rowCount() == int(std::size(kLines)));
        DetailPane pane;
        pane.setModel(&model);
        for (EntryIndex e : model.rows()) {
            pane.showEntry(e);
            verifyClean(pane.findChild<QTextBrowser*>()->toPlainText(), "detail text");
            const auto* fields = pane.findChild<QTableWidget*>();
            for (int r = 0; r < fields->rowCount(); ++r)
                verifyClean(fields->item(r, 1)->text(), "detail fields");
            for (QPushButton* button : pane.findChildren<QPushButton*>()) {
                if (!button->text().startsWith(QLatin1String("Copy"))) continue;
                QApplication::clipboard()->clear();
                button->click();
                verifyClean(QApplication::clipboard()->text(), "copy");
            }
        }
        // The window's reveal choice shows them: the masking above is real, not missing data.
        model.setReveal(true);
        pane.showEntry(model.rows().front());
        QVERIFY(pane.entryAsText().contains(QLatin1String("LEAK1")));
    }

    void exports() {
        std::vector<EntryIndex> rows;
        for (std::uint64_t i = m_store.beginIndex().value; i < m_store.endIndex().value; ++i)
            rows.emplace_back(i);
        for (ExportFormat format : {ExportFormat::JsonLines, ExportFormat::Csv, ExportFormat::Text}) {
            QBuffer buffer;
            buffer.open(QIODevice::WriteOnly);
            QCOMPARE(exportEntries(m_store, rows, format, SecretMasker(), buffer), QString());
            verifyClean(QString::fromUtf8(buffer.data()), "export");
            if (format != ExportFormat::JsonLines) continue;
            // Each record's text is still the entry's JSON line, its secrets masked.
            const QList<QByteArray> records = buffer.data().trimmed().split('\n');
            QCOMPARE(records.size(), int(rows.size()));
            for (const QByteArray& record : records) {
                const QString text =
                    QJsonDocument::fromJson(record).object().value(QStringLiteral("text")).toString();
                QVERIFY2(QJsonDocument::fromJson(text.toUtf8()).isObject(), qPrintable(text));
            }
        }
    }
};

QTEST_MAIN(TestEscapedSecrets)
#include "tst_escapedsecrets.moc"
