// The main window on the sample deployment, driven through its real widgets: level
// toggles, the search box, the field filter, the sidebar's check boxes, the detail pane.

#include "../query/samplefiles.h"
#include "entrycopy.h"

#include "models/demo/demowriter.h"
#include "views/backgroundsettings.h"
#include "views/detailpane.h"
#include "views/exportrunner.h"
#include "views/filterbar.h"
#include "views/logtableview.h"
#include "views/mainwindow.h"
#include "views/statuspanel.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMimeData>
#include <QPushButton>
#include <QScrollBar>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTextBrowser>
#include <QToolButton>
#include <QTreeView>
#include <QtTest>

using namespace vigil;

class TestMainWindow : public QObject {
    Q_OBJECT
    QTemporaryDir m_settings;
    QJsonObject m_expected;
    QStringList m_lines;

    int levelCount(const char* level) {
        return m_expected[QStringLiteral("levels")].toObject()[QString::fromLatin1(level)].toInt();
    }
    int shownRows(MainWindow& w) { return w.table()->model()->rowCount(); }
    // Waits until the window's query has caught up with the store and the filter input.
    void settle(MainWindow& w) {
        // The bar applies typed input after a pause; then the query runs on a worker.
        QTRY_VERIFY(!w.filterBar()->pending() && w.workspace()->table().settled());
    }

    // Appends copies of stored entries, timed now, as the ingest would append them.
    void appendLive(MainWindow& w, int count) {
        EntryStore& store = w.workspace()->store();
        const EntryIndex model = store.beginIndex();
        if (m_followFile.value == 0) {
            SourceInfo info = store.sources()[store.file(model)];
            info.relativePath = QStringLiteral("live.log");
            m_followFile = store.sources().add(info);
        }
        EntryBatch batch;
        batch.file = m_followFile;
        if (!m_followStarted) batch.newInstances = {"live"};
        m_followStarted = true;
        const std::int64_t now = QDateTime::currentMSecsSinceEpoch() * 1000;
        for (int k = 0; k < count; ++k)
            addCopyOf(batch, store, model, now + k, Level::Info);
        const EntryIndex first = store.append(batch);
        Q_EMIT w.workspace()->ingest().entriesAppended(first.value, store.endIndex().value);
    }
    FileId m_followFile{0};
    bool m_followStarted = false;

  private Q_SLOTS:
    void initTestCase() {
        QSettings::setDefaultFormat(QSettings::IniFormat);
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_settings.path());
        QCoreApplication::setOrganizationName(QStringLiteral("VigilTest"));
        m_expected = samples::expected();
        m_lines = samples::allLines();
    }

    void filtersThroughTheWidgets() {
        MainWindow w;
        w.resize(1400, 900);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        w.openRoots({samples::root()});
        const int total = m_expected[QStringLiteral("entries")].toInt();
        QTRY_COMPARE(shownRows(w), total);
        settle(w);
        QTRY_VERIFY(w.statusPanel()->countsLabel()->text().contains(QStringLiteral("1,925 entries")));

        // Level toggles: hide ERROR, then DEBUG too.
        QToolButton* error = w.filterBar()->levelButton(Level::Error);
        QVERIFY(error->text().contains(QString::number(levelCount("ERROR"))));
        QTest::mouseClick(error, Qt::LeftButton);
        settle(w);
        QCOMPARE(shownRows(w), total - levelCount("ERROR"));
        QTest::mouseClick(w.filterBar()->levelButton(Level::Debug), Qt::LeftButton);
        settle(w);
        QCOMPARE(shownRows(w), total - levelCount("ERROR") - levelCount("DEBUG"));
        QTest::mouseClick(error, Qt::LeftButton);
        QTest::mouseClick(w.filterBar()->levelButton(Level::Debug), Qt::LeftButton);
        settle(w);
        QCOMPARE(shownRows(w), total);

        // Typed search (Ctrl+F focuses it).
        QTest::keyClick(&w, Qt::Key_F, Qt::ControlModifier);
        QTRY_VERIFY(w.filterBar()->searchEdit()->hasFocus());
        QTest::keyClicks(w.filterBar()->searchEdit(), QStringLiteral("traceback (most recent"));
        settle(w);
        const int tracebacks =
            samples::countLines(m_lines, QStringLiteral("Traceback (most recent call last)"));
        QCOMPARE(shownRows(w), tracebacks);
        // Case toggle: nothing is written in lower case.
        QTest::mouseClick(w.filterBar()->caseButton(), Qt::LeftButton);
        settle(w);
        QCOMPARE(shownRows(w), 0);
        QTest::mouseClick(w.filterBar()->caseButton(), Qt::LeftButton);
        settle(w);
        QCOMPARE(shownRows(w), tracebacks);

        // Select a traceback: the detail pane shows every line of it.
        w.table()->setFocus();
        QTest::keyClick(w.table(), Qt::Key_Home, Qt::ControlModifier);
        w.table()->selectRow(0);
        QTRY_VERIFY(w.detail()->hasEntry());
        const QString detail = w.detail()->textView()->toPlainText();
        QVERIFY(detail.contains(QStringLiteral("Traceback (most recent call last)")));
        QVERIFY(detail.count(QLatin1Char('\n')) >= 4);

        // Field filter: a malformed one is marked and not applied.
        QTest::keyClick(&w, Qt::Key_Escape);
        settle(w);
        QCOMPARE(shownRows(w), total);
        QTest::keyClicks(w.filterBar()->fieldEdit(), QStringLiteral("status>=abc"));
        settle(w);
        QVERIFY(w.filterBar()->fieldError()->isVisible());
        QVERIFY(w.filterBar()->fieldError()->toolTip().contains(QStringLiteral("not a number")));
        QCOMPARE(shownRows(w), total);
        w.filterBar()->fieldEdit()->clear();
        QTest::keyClicks(w.filterBar()->fieldEdit(), QStringLiteral("data.tools_enabled=true"));
        settle(w);
        QVERIFY(!w.filterBar()->fieldError()->isVisible());
        QCOMPARE(shownRows(w), samples::countLines(m_lines, QStringLiteral("\"tools_enabled\": true")));
        // The last valid filter stays while the input is malformed.
        QTest::keyClicks(w.filterBar()->fieldEdit(), QStringLiteral(" duration>quick"));
        settle(w);
        QVERIFY(w.filterBar()->fieldError()->isVisible());
        QCOMPARE(shownRows(w), samples::countLines(m_lines, QStringLiteral("\"tools_enabled\": true")));

        // Regex search with an invalid pattern keeps the previous search.
        QTest::keyClick(&w, Qt::Key_Escape);
        settle(w);
        QTest::mouseClick(w.filterBar()->regexButton(), Qt::LeftButton);
        QTest::keyClicks(w.filterBar()->searchEdit(), QStringLiteral("POST /v1/(chat|models)"));
        settle(w);
        const int posts =
            samples::countLines(m_lines, QRegularExpression(QStringLiteral("POST /v1/(chat|models)"),
                                                            QRegularExpression::CaseInsensitiveOption));
        QCOMPARE(shownRows(w), posts);
        QTest::keyClicks(w.filterBar()->searchEdit(), QStringLiteral("(["));
        settle(w);
        QCOMPARE(shownRows(w), posts);
        QVERIFY(
            w.filterBar()->searchEdit()->toolTip().contains(QStringLiteral("Invalid regular expression")));
        QTest::mouseClick(w.filterBar()->regexButton(), Qt::LeftButton);
        QTest::keyClick(&w, Qt::Key_Escape);
        settle(w);
        QCOMPARE(shownRows(w), total);
    }

    void sidebarCorrelationIdsAndContext() {
        MainWindow w;
        w.resize(1400, 900);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        w.openRoots({samples::root()});
        const int total = m_expected[QStringLiteral("entries")].toInt();
        QTRY_COMPARE(shownRows(w), total);
        settle(w);

        // Unchecking the root hides all; checking one instance shows its entries. (The
        // sidebar's counts are coalesced: wait until it lists every entry.)
        QTreeView* sidebar = w.sidebar();
        QAbstractItemModel* instances = sidebar->model();
        QTRY_COMPARE(instances->index(0, InstanceModel::EntriesColumn).data().toInt(), total);
        const QModelIndex root = instances->index(0, 0);
        instances->setData(root, Qt::Unchecked, Qt::CheckStateRole);
        settle(w);
        QCOMPARE(shownRows(w), 0);
        QModelIndex eco;
        for (int r = 0; r < instances->rowCount(root); ++r)
            if (instances->index(r, 0, root).data().toString() == QStringLiteral("eco-backend"))
                eco = instances->index(r, 0, root);
        QVERIFY(eco.isValid());
        // Click its check box.
        sidebar->scrollTo(eco);
        const QRect rect = sidebar->visualRect(eco);
        QStyleOptionViewItem option;
        option.initFrom(sidebar);
        option.rect = rect;
        option.features |= QStyleOptionViewItem::HasCheckIndicator;
        const QRect box =
            sidebar->style()->subElementRect(QStyle::SE_ItemViewItemCheckIndicator, &option, sidebar);
        QTest::mouseClick(sidebar->viewport(), Qt::LeftButton, {}, box.center());
        settle(w);
        const int ecoEntries = m_expected[QStringLiteral("files")]
                                   .toObject()[QStringLiteral("instances/eco-backend/logs/app.log")]
                                   .toObject()[QStringLiteral("entries")]
                                   .toInt();
        QCOMPARE(shownRows(w), ecoEntries);

        // A correlation id filters every instance to it: select an orchestrator entry that
        // has it and click its link in the detail pane.
        QTest::keyClicks(w.filterBar()->searchEdit(), QStringLiteral("req_a276cb0ab0cac06e"));
        instances->setData(root, Qt::Checked, Qt::CheckStateRole);
        settle(w);
        QVERIFY(shownRows(w) > 0);
        w.table()->selectRow(0);
        QTRY_VERIFY(w.detail()->hasEntry());
        const QRegularExpressionMatch link =
            QRegularExpression(QStringLiteral("href=\"([^\"]*req_a276cb0ab0cac06e)\""))
                .match(w.detail()->idsLabel()->text());
        QVERIFY2(link.hasMatch(), qPrintable(w.detail()->idsLabel()->text()));
        w.filterBar()->searchEdit()->clear();
        Q_EMIT w.detail()->idsLabel()->linkActivated(
            link.captured(1).replace(QStringLiteral("&amp;"), QStringLiteral("&")));
        QCOMPARE(w.filterBar()->fieldEdit()->text(), QStringLiteral("id=req_a276cb0ab0cac06e"));
        settle(w);
        QCOMPARE(shownRows(w), samples::countLines(m_lines, QStringLiteral("req_a276cb0ab0cac06e")));
        QVERIFY(shownRows(w) > 0);
        w.table()->selectRow(0);
        QTRY_VERIFY(w.detail()->hasEntry());
        QVERIFY(w.detail()->idsLabel()->text().contains(QStringLiteral("req_a276cb0ab0cac06e")));

        // Show in context: the entries of its file, with it selected.
        const EntryIndex entry = w.detail()->entry();
        Q_EMIT w.detail()->showInContext(entry);
        settle(w);
        QCOMPARE(shownRows(w), m_expected[QStringLiteral("files")]
                                   .toObject()[QStringLiteral("octollm/orchestrator.log")]
                                   .toObject()[QStringLiteral("entries")]
                                   .toInt());
        QTRY_COMPARE(w.workspace()->table().entryAt(w.table()->currentIndex().row()), entry);

        // Ctrl+C copies the selected rows' text (masked).
        w.table()->setFocus();
        QTest::keyClick(w.table(), Qt::Key_C, Qt::ControlModifier);
        QVERIFY(QApplication::clipboard()->text().contains(QStringLiteral("req_a276cb0ab0cac06e")));

        // Copies are masked like the table; the detail pane's JSON too.
        QTest::keyClick(&w, Qt::Key_Escape);
        QTest::keyClicks(w.filterBar()->searchEdit(), QStringLiteral("Request with api_key"));
        settle(w);
        QVERIFY(shownRows(w) > 0);
        w.table()->selectRow(0);
        w.table()->setFocus();
        QTest::keyClick(w.table(), Qt::Key_C, Qt::ControlModifier);
        QVERIFY2(QApplication::clipboard()->text().contains(QStringLiteral("api_key=*** and password=***")),
                 qPrintable(QApplication::clipboard()->text()));
        QVERIFY(!QApplication::clipboard()->text().contains(QStringLiteral("sk-")));
        QTRY_VERIFY(w.detail()->hasEntry());
        QVERIFY(!w.detail()->entryAsJson().contains(QStringLiteral("sk-")));
        QVERIFY(!w.detail()->textView()->toPlainText().contains(QStringLiteral("sk-")));

        // F toggles follow.
        QTest::keyClick(w.table(), Qt::Key_F);
        QVERIFY(w.followAction()->isChecked());
        QVERIFY(w.table()->following());
    }

    void columnsPersistAndProblemsShow() {
        {
            MainWindow w;
            w.show();
            w.openRoots({samples::root()});
            QHeaderView* header = w.table()->horizontalHeader();
            header->setSectionHidden(LogTableModel::DurationColumn, true);
            header->moveSection(header->visualIndex(LogTableModel::RequestIdColumn), 1);
            header->resizeSection(LogTableModel::LoggerColumn, 77);
            QTest::qWait(700); // saved once the changes stop
        }
        MainWindow w;
        w.show();
        w.openRoots({samples::root(), QStringLiteral("/nonexistent/vigil-root")});
        QHeaderView* header = w.table()->horizontalHeader();
        QVERIFY(header->isSectionHidden(LogTableModel::DurationColumn));
        QCOMPARE(header->visualIndex(LogTableModel::RequestIdColumn), 1);
        QCOMPARE(header->sectionSize(LogTableModel::LoggerColumn), 77);
        // An unreadable root is listed, the readable one still opens.
        QTRY_VERIFY(w.statusPanel()->problemsButton()->isVisible());
        QVERIFY(w.statusPanel()->problemsButton()->text().contains(QStringLiteral("1 unreadable")));
        QTRY_COMPARE(shownRows(w), m_expected[QStringLiteral("entries")].toInt());
        // Restore the default layout for the other tests.
        QSettings().remove(QStringLiteral("table/header"));
    }

    void exportsTheShownEntries() {
        MainWindow w;
        w.show();
        w.openRoots({samples::root()});
        const int total = m_expected[QStringLiteral("entries")].toInt();
        QTRY_COMPARE(shownRows(w), total);
        QTest::mouseClick(w.filterBar()->levelButton(Level::Info), Qt::LeftButton);
        QTest::mouseClick(w.filterBar()->levelButton(Level::Debug), Qt::LeftButton);
        settle(w);
        const int errors = m_expected[QStringLiteral("levels")].toObject()[QStringLiteral("ERROR")].toInt() +
                           m_expected[QStringLiteral("levels")].toObject()[QStringLiteral("WARNING")].toInt();
        QCOMPARE(shownRows(w), errors);
        QTemporaryDir dir;
        for (const QString& name : {QStringLiteral("errors.jsonl"), QStringLiteral("errors.csv")}) {
            ExportRunner* runner = w.exportTo(dir.filePath(name));
            QSignalSpy finished(runner, &ExportRunner::finished);
            QVERIFY(finished.wait(20000));
            QCOMPARE(finished.at(0).at(0).toString(), QString());
            QCOMPARE(finished.at(0).at(1).toInt(), errors);
            QFile file(dir.filePath(name));
            QVERIFY(file.open(QIODevice::ReadOnly));
            const QByteArray data = file.readAll();
            if (name.endsWith(QStringLiteral(".csv"))) {
                QCOMPARE(int(data.count("\r\n")), errors + 1);
            } else {
                const QList<QByteArray> lines = data.trimmed().split('\n');
                QCOMPARE(int(lines.size()), errors);
                for (const QByteArray& line : lines) {
                    const QString level =
                        QJsonDocument::fromJson(line).object().value(QStringLiteral("level")).toString();
                    QVERIFY(level == QStringLiteral("ERROR") || level == QStringLiteral("WARNING"));
                }
            }
            // WARNING entries include the auth lines: their secrets are masked.
            QVERIFY(data.contains("api_key=*** and password=***"));
            QVERIFY(!data.contains("api_key=sk-") && !data.contains("password=hunter"));
        }
    }

    void dropAFolderOpensIt() {
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QMimeData mime;
        mime.setUrls({QUrl::fromLocalFile(samples::root())});
        QDragEnterEvent enter(QPoint(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QCoreApplication::sendEvent(&w, &enter);
        QVERIFY(enter.isAccepted());
        QDropEvent drop(QPointF(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QCoreApplication::sendEvent(&w, &drop);
        QVERIFY(w.workspace());
        QTRY_COMPARE(shownRows(w), m_expected[QStringLiteral("entries")].toInt());
        // It is remembered for the next start.
        waitForBackgroundSettings();
        QCOMPARE(QSettings().value(QStringLiteral("roots/last")).toStringList(),
                 QStringList{QFileInfo(samples::root()).absoluteFilePath()});
    }

    void timeRange() {
        // Fifteen minutes of demo history: "last 5 min" keeps about a third.
        QTemporaryDir dir;
        DemoWriter writer(dir.path(), 5);
        writer.writeHistory(15 * 60, 4);
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        w.openRoots({dir.path()});
        QTRY_COMPARE(shownRows(w), int(writer.written()));
        settle(w);
        const EntryStore& store = w.workspace()->store();
        const std::int64_t newest = w.workspace()->newestTimeUs();
        int recent = 0;
        for (std::uint64_t i = store.beginIndex().value; i < store.endIndex().value; ++i)
            recent += store.timeUs(EntryIndex(i)) >= newest - 5 * 60'000'000LL ? 1 : 0;
        QVERIFY(recent > int(writer.written()) / 4 && recent < int(writer.written()) / 2);
        QComboBox* range = w.filterBar()->timeRange();
        range->setCurrentIndex(1);
        Q_EMIT range->activated(1);
        settle(w);
        QCOMPARE(shownRows(w), recent);
        QTest::keyClick(&w, Qt::Key_Escape);
        settle(w);
        QCOMPARE(shownRows(w), int(writer.written()));
        QCOMPARE(range->currentIndex(), 0);
    }

    void followKeepsNewestInView() {
        m_followFile = FileId(0);
        m_followStarted = false;
        MainWindow w;
        w.resize(1400, 900);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        w.openRoots({samples::root()});
        const int total = m_expected[QStringLiteral("entries")].toInt();
        QTRY_COMPARE(shownRows(w), total);
        settle(w);
        QScrollBar* bar = w.table()->verticalScrollBar();
        QCOMPARE(bar->value(), 0);
        w.table()->setFocus();
        QTest::keyClick(w.table(), Qt::Key_F);
        QVERIFY(w.table()->following());
        QTRY_COMPARE(bar->value(), bar->maximum());

        // New rows arrive at the bottom and stay in view.
        appendLive(w, 50);
        QTRY_COMPARE(shownRows(w), total + 50);
        QTRY_COMPARE(bar->value(), bar->maximum());
        const int lastVisible = w.table()->rowAt(w.table()->viewport()->height() - 2);
        QVERIFY2(lastVisible >= total + 50 - 2, qPrintable(QString::number(lastVisible)));

        // Scrolling up pauses: new rows do not move the view.
        bar->setValue(bar->maximum() / 2);
        QVERIFY(w.table()->followPaused());
        const int held = bar->value();
        appendLive(w, 50);
        QTRY_COMPARE(shownRows(w), total + 100);
        settle(w);
        QCOMPARE(bar->value(), held);
        QVERIFY(w.table()->followPaused());

        // Back at the bottom, following resumes.
        bar->setValue(bar->maximum());
        QVERIFY(!w.table()->followPaused());
        appendLive(w, 50);
        QTRY_COMPARE(shownRows(w), total + 150);
        QTRY_COMPARE(bar->value(), bar->maximum());
        QVERIFY(w.statusPanel()->countsLabel()->text().contains(QStringLiteral("2,075 entries")));
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
