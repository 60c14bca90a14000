// Opening a deployment in the window: the progress in the status bar reaches 100 % of the
// bytes on disk, Stop leaves a usable table and says what was not read, and a time window
// reads only the files that can hold its entries, showing the same entries as a full open.

#include "../ingest/dateddeployment.h"

#include "models/ingest/liveingest.h"
#include "models/ingest/timewindow.h"
#include "views/charts/chartspanel.h"
#include "views/chartsdocks.h"
#include "views/detailpane.h"
#include "views/filterbar.h"
#include "views/logtableview.h"
#include "views/mainwindow.h"
#include "views/openprogress.h"
#include "views/openwindowchoice.h"
#include "views/statuspanel.h"
#include "views/welcomeview.h"

#include <QAction>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStatusBar>
#include <QToolButton>
#include <QtTest>

using namespace vigil;
using namespace vigil::testing;

namespace {

QString statusText(MainWindow& w) {
    QString all;
    for (QLabel* l : w.statusPanel()->findChildren<QLabel*>())
        all += l->text() + QLatin1Char('\n');
    return all + w.statusPanel()->stateText();
}
} // namespace

class TestOpenProgress : public QObject {
    Q_OBJECT
    QTemporaryDir m_settings;

  private Q_SLOTS:
    void initTestCase() {
        QSettings::setDefaultFormat(QSettings::IniFormat);
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_settings.path());
        QCoreApplication::setOrganizationName(QStringLiteral("VigilTest"));
    }

    void progressReachesAllBytes() {
        QTemporaryDir dir;
        const DatedDeployment d = writeDatedDeployment(dir.path());
        MainWindow w;
        w.show();
        w.openRoots({dir.path()});
        LiveIngest& ingest = w.workspace()->ingest();
        QVERIFY(w.openProgress()->isVisible());
        QTRY_VERIFY_WITH_TIMEOUT(ingest.initialScanDone(), 30000);
        const ScanProgressFigures f = ingest.scanProgress();
        QCOMPARE(f.totalBytes, bytesOnDisk(dir.path()));
        QCOMPARE(f.bytesRead, f.totalBytes);
        QCOMPARE(int(f.filesDone), d.files);
        QCOMPARE(w.openProgress()->bar()->value(), w.openProgress()->bar()->maximum());
        // Following, each file's last entry is committed after the scan (it may go on).
        QVERIFY(f.entries > 0 && f.entries <= w.workspace()->store().counters().entries);
        // Done: the progress and Stop go away; nothing was left out.
        QVERIFY(!w.openProgress()->stopButton()->isVisible());
        QVERIFY(!w.openProgress()->isVisible());
        QVERIFY(statusText(w).contains(QStringLiteral("Read ")));
    }

    void statusBarKeepsItsHeight() {
        // Had the status bar grown when the progress came and shrunk when it left, the table,
        // the charts and the docks above it would all be laid out and painted again at once
        // (opening 5 GB, a 16 ms event of the window's thread right as the scan ended).
        MainWindow w;
        w.show();
        QTest::qWait(50);
        const int before = w.statusBar()->height();
        EntryStore store;
        LiveIngest ingest(store); // not opened: its progress is shown, as while finding files
        w.openProgress()->watch(&ingest);
        QVERIFY(w.openProgress()->stopButton()->isVisible());
        QTest::qWait(50);
        QCOMPARE(w.statusBar()->height(), before);
        Q_EMIT ingest.initialScanFinished(1.0, 0); // the bar and Stop go
        QVERIFY(!w.openProgress()->isVisible());
        QTest::qWait(50);
        QCOMPARE(w.statusBar()->height(), before);
    }

    void stopKeepsWhatWasRead() {
        QTemporaryDir dir;
        // 32 files of about 3 MB: Stop comes while most are still unread, even when the first
        // batch reaches a busy window late (12 files were all read by then, now and then).
        QByteArray lines;
        for (int i = 0; i < 40000; ++i)
            lines += QStringLiteral(
                         "2026-11-01 10:%1:%2 - INFO - request %3 handled in %4 ms by the worker pool\n")
                         .arg(i / 60 % 60, 2, 10, QLatin1Char('0'))
                         .arg(i % 60, 2, 10, QLatin1Char('0'))
                         .arg(i)
                         .arg(i % 900)
                         .toUtf8();
        constexpr int kFiles = 32;
        for (int f = 0; f < kFiles; ++f)
            writeFile(dir.filePath(QStringLiteral("svc%1/logs/app.log").arg(f)), lines);
        MainWindow w;
        w.show();
        w.openRoots({dir.path()});
        LiveIngest& ingest = w.workspace()->ingest();
        bool clicked = false;
        connect(&ingest, &LiveIngest::entriesAppended, this, [&] {
            if (!clicked) w.openProgress()->stopButton()->click();
            clicked = true;
        });
        // Events handled as they come (not every 50 ms): Stop follows the first batch at once.
        QElapsedTimer clock;
        clock.start();
        while (!ingest.initialScanDone() && clock.elapsed() < 60000)
            QCoreApplication::processEvents(QEventLoop::AllEvents);
        QVERIFY(clicked);
        QVERIFY(ingest.scanStopped());
        QVERIFY(!ingest.following());
        const quint64 stored = w.workspace()->store().counters().entries;
        QVERIFY(stored > 0);
        QVERIFY(stored < kFiles * 40000);
        QVERIFY2(statusText(w).contains(QStringLiteral("stopped")), qPrintable(statusText(w)));
        QVERIFY2(statusText(w).contains(QStringLiteral("not read")), qPrintable(statusText(w)));
        // The table is usable: its rows show, one can be selected and read in the detail pane.
        QTRY_VERIFY(w.workspace()->table().settled());
        QCOMPARE(quint64(w.table()->model()->rowCount()), stored);
        w.table()->setCurrentIndex(w.table()->model()->index(0, 0));
        QTRY_VERIFY(w.detail()->hasEntry());
    }

    void windowReadsOnlyRecentFiles() {
        QTemporaryDir dir;
        const DatedDeployment d = writeDatedDeployment(dir.path());

        MainWindow full;
        full.openRoots({dir.path()});
        QTRY_VERIFY_WITH_TIMEOUT(full.workspace()->ingest().initialScanDone(), 30000);
        QCOMPARE(int(full.workspace()->ingest().filesOpened()), d.files);
        // error.log was written just now: its last entry may still grow, and is committed
        // once the file has been quiet for a moment.
        QTRY_COMPARE_WITH_TIMEOUT(full.workspace()->store().counters().entries, quint64(d.entries), 10000);

        MainWindow w;
        w.show();
        // The welcome view's combo and the menu are one choice.
        auto* combo = w.welcome()->findChild<QComboBox*>(QStringLiteral("timeWindowCombo"));
        QVERIFY(combo);
        combo->setCurrentIndex(combo->findData(qlonglong(6 * 3600)));
        QCOMPARE(w.openWindow()->seconds(), std::int64_t(6 * 3600));
        w.openRoots({dir.path()});
        LiveIngest& ingest = w.workspace()->ingest();
        QTRY_VERIFY_WITH_TIMEOUT(ingest.initialScanDone(), 30000);
        QCOMPARE(int(ingest.filesOpened()), d.recentFiles);
        QCOMPARE(int(ingest.filesSkipped()), d.files - d.recentFiles);
        QCOMPARE(int(w.workspace()->store().sources().size()), d.recentFiles);
        const std::int64_t since = ingest.windowStartUs();
        QVERIFY(since >= (d.nowSecs - 6 * 3600) * 1000000LL);
        const auto expected = entriesSince(full.workspace()->store(), since);
        QVERIFY(expected.size() > 100);
        QCOMPARE(entriesSince(w.workspace()->store(), since), expected);
        QVERIFY2(statusText(w).contains(QStringLiteral("older file(s) not read")), qPrintable(statusText(w)));

        // Read everything: reopened without the window.
        QPushButton* readAll = w.openProgress()->readEverythingButton();
        QVERIFY(readAll->isVisible());
        readAll->click();
        QCOMPARE(w.openWindow()->seconds(), std::int64_t(0));
        QTRY_VERIFY_WITH_TIMEOUT(w.workspace()->ingest().initialScanDone(), 30000);
        QCOMPARE(int(w.workspace()->ingest().filesOpened()), d.files);
        QTRY_COMPARE_WITH_TIMEOUT(w.workspace()->store().counters().entries, quint64(d.entries), 10000);
        QVERIFY(!readAll->isVisible());
    }

    void sessionComesBack() {
        QTemporaryDir dir;
        writeDatedDeployment(dir.path());
        EntryIndex chosen;
        QString chosenText;
        {
            MainWindow w;
            w.show();
            w.openRoots({dir.path()});
            QTRY_VERIFY_WITH_TIMEOUT(w.workspace()->ingest().initialScanDone(), 30000);
            w.filterBar()->searchEdit()->setText(QStringLiteral("request 1"));
            w.filterBar()->setFieldText(QStringLiteral("level>=info"));
            w.filterBar()->levelButton(Level::Error)->setChecked(false);
            w.charts()->panel()->setWindow(ChartWindow::Hours6);
            QTRY_VERIFY(!w.filterBar()->pending() && w.workspace()->table().settled());
            QVERIFY(w.table()->model()->rowCount() > 10);
            w.table()->setCurrentIndex(w.table()->model()->index(5, 0));
            QTRY_VERIFY(w.detail()->hasEntry());
            chosen = w.detail()->entry();
            chosenText = entryText(w.workspace()->store(), chosen);
            w.close();
        }
        {
            MainWindow w;
            w.show();
            w.openRoots({dir.path()});
            QCOMPARE(w.filterBar()->searchEdit()->text(), QStringLiteral("request 1"));
            QCOMPARE(w.filterBar()->fieldEdit()->text(), QStringLiteral("level>=info"));
            QVERIFY(!w.filterBar()->levelButton(Level::Error)->isChecked());
            QVERIFY(w.filterBar()->levelButton(Level::Info)->isChecked());
            QCOMPARE(w.charts()->panel()->window(), ChartWindow::Hours6);
            QTRY_VERIFY_WITH_TIMEOUT(w.workspace()->ingest().initialScanDone(), 30000);
            QTRY_VERIFY(w.detail()->hasEntry());
            QCOMPARE(entryText(w.workspace()->store(), w.detail()->entry()), chosenText);
            // A fresh start: the same roots open with cleared filters and nothing selected.
            w.findChild<QAction*>(QStringLiteral("freshStart"))->setChecked(true);
            w.filterBar()->clear();
            w.close();
        }
        {
            MainWindow w;
            w.show();
            QVERIFY(w.findChild<QAction*>(QStringLiteral("freshStart"))->isChecked());
            w.openRoots({dir.path()});
            QVERIFY(w.filterBar()->searchEdit()->text().isEmpty());
            QTRY_VERIFY_WITH_TIMEOUT(w.workspace()->ingest().initialScanDone(), 30000);
            QTest::qWait(100);
            QVERIFY(!w.detail()->hasEntry());
            w.findChild<QAction*>(QStringLiteral("freshStart"))->setChecked(false);
        }
    }
};

QTEST_MAIN(TestOpenProgress)
#include "tst_openprogress.moc"
