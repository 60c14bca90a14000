// What the window remembers while it is used (bookmarks, the UTC choice, recent deployments,
// a deployment's filters when another opens) is written off the GUI thread: QSettings makes
// each write durable with fdatasync(), and with the disk busy reading a deployment one such
// write held the GUI thread 360 ms (views/backgroundsettings.h). A settings format of its own
// records the thread every write of the file happens on; the values must still all land.
#include "navigationtesthelpers.h"
#include "recordedsettings.h"

#include "models/bookmarkmodel.h"
#include "views/backgroundsettings.h"
#include "views/deploymentsession.h"
#include "views/navigator.h"

#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QThread>
#include <QtTest>

#include <atomic>

using namespace vigil;
using namespace navtest;

namespace {
std::atomic<int> s_guiThreadWrites{0};
std::atomic<int> s_otherThreadWrites{0};
} // namespace

class TestSettingsWrites : public QObject {
    Q_OBJECT
    QTemporaryDir m_settings;

  private Q_SLOTS:
    void initTestCase() {
        settingstest::onSettingsWrite() = [] {
            ++(QThread::currentThread() == QCoreApplication::instance()->thread() ? s_guiThreadWrites
                                                                                  : s_otherThreadWrites);
        };
        const QSettings::Format recorded = settingstest::registerRecordedFormat();
        QVERIFY(recorded != QSettings::InvalidFormat);
        QSettings::setDefaultFormat(recorded);
        QSettings::setPath(recorded, QSettings::UserScope, m_settings.path());
        QCoreApplication::setOrganizationName(QStringLiteral("VigilSettingsWritesTest"));
    }

    void whatTheWindowRemembersIsWrittenOffItsThread() {
        QTemporaryDir dir;
        const QString copy = copySamples(dir.path());
        const int total = samples::expected()[QStringLiteral("entries")].toInt();
        MainWindow w;
        openAndSettle(w, {samples::root()}, total);
        waitForBackgroundSettings();
        s_guiThreadWrites = 0;
        s_otherThreadWrites = 0;

        // A bookmark, times in UTC, then another deployment (which saves this one's filters).
        w.table()->setFocus();
        w.selectEntry(w.workspace()->store().beginIndex());
        QTest::keyClick(w.table(), Qt::Key_B, Qt::ControlModifier);
        QCOMPARE(w.navigator()->bookmarks()->rowCount(), 1);
        QAction* utc = nullptr;
        for (QAction* a : w.findChildren<QAction*>())
            if (a->text() == MainWindow::tr("Show times in &UTC")) utc = a;
        QVERIFY(utc);
        utc->setChecked(!utc->isChecked());
        const bool utcChosen = utc->isChecked();
        w.openRoots({copy});
        QTRY_COMPARE(shownRows(w), total);
        settle(w);

        waitForBackgroundSettings();
        QCOMPARE(s_guiThreadWrites.load(), 0);
        QVERIFY(s_otherThreadWrites.load() > 0);
        QSettings settings;
        QCOMPARE(settings.value(QStringLiteral("bookmarks/entries")).toList().size(), 1);
        QCOMPARE(settings.value(QStringLiteral("table/utc")).toBool(), utcChosen);
        const QString samplesRoot = QFileInfo(samples::root()).absoluteFilePath();
        const QString copyRoot = QFileInfo(copy).absoluteFilePath();
        QCOMPARE(settings.value(QStringLiteral("roots/recent")).toStringList(),
                 (QStringList{copyRoot, samplesRoot}));
        QCOMPARE(settings.value(QStringLiteral("roots/last")).toStringList(), QStringList{copyRoot});
        QCOMPARE(settings.value(DeploymentSession::groupFor({samplesRoot}) + QStringLiteral("/roots"))
                     .toStringList(),
                 QStringList{samplesRoot});
        QVERIFY(
            settings.contains(DeploymentSession::groupFor({samplesRoot}) + QStringLiteral("/selectedFile")));
    }

    // Two windows of one process, each opening a deployment: both stay in the recent list,
    // newest first, though neither reads the other's write back.
    void twoWindowsKeepEachOthersRecentDeployments() {
        QTemporaryDir dir;
        const QString copy = copySamples(dir.path());
        const int total = samples::expected()[QStringLiteral("entries")].toInt();
        MainWindow first;
        MainWindow second;
        openAndSettle(first, {copy}, total);
        openAndSettle(second, {samples::root()}, total);
        waitForBackgroundSettings();
        const QStringList recent = QSettings().value(QStringLiteral("roots/recent")).toStringList();
        QVERIFY(recent.size() >= 2);
        QCOMPARE(recent.mid(0, 2), (QStringList{QFileInfo(samples::root()).absoluteFilePath(),
                                                QFileInfo(copy).absoluteFilePath()}));
    }
};

QTEST_MAIN(TestSettingsWrites)
#include "tst_settingswrites.moc"
