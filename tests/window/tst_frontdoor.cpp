// What a new user meets first, driven through the real widgets: the welcome view and its
// ways in (a folder, files, the demo, a recent deployment), the message over a table whose
// filters hide everything, and the Help menu.

#include "../query/samplefiles.h"

#include "views/backgroundsettings.h"
#include "views/filterbar.h"
#include "views/helpmenu.h"
#include "views/logtableview.h"
#include "views/mainwindow.h"
#include "views/welcomeview.h"

#include "models/workspace.h"

#include <QAction>
#include <QApplication>
#include <QCommandLinkButton>
#include <QDialog>
#include <QDockWidget>
#include <QGroupBox>
#include <QLineEdit>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QPushButton>
#include <QSettings>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTextBrowser>
#include <QtTest>

using namespace vigil;

namespace {
QAction* findAction(QWidget* window, const QString& name) {
    for (QAction* a : window->findChildren<QAction*>())
        if (a->objectName() == name) return a;
    return nullptr;
}

// Runs `check` on the first modal dialog that opens, then closes it.
template <typename Check> void onNextDialog(Check check) {
    QTimer::singleShot(0, [check] {
        QWidget* dialog = QApplication::activeModalWidget();
        if (!dialog) {
            onNextDialog(check);
            return;
        }
        check(dialog);
        dialog->close();
    });
}
} // namespace

class TestFrontDoor : public QObject {
    Q_OBJECT
    QTemporaryDir m_settings;
    QJsonObject m_expected;

    int total() const { return m_expected[QStringLiteral("entries")].toInt(); }

  private Q_SLOTS:
    void initTestCase() {
        QSettings::setDefaultFormat(QSettings::IniFormat);
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_settings.path());
        QCoreApplication::setOrganizationName(QStringLiteral("VigilTest"));
        QCoreApplication::setApplicationName(QStringLiteral("FrontDoor"));
        qputenv("XDG_CONFIG_HOME", m_settings.path().toUtf8());
        m_expected = samples::expected();
    }

    void firstRunShowsTheWelcomeAlone() {
        QSettings().clear();
        MainWindow w;
        w.resize(1200, 800);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QVERIFY(w.welcome()->isVisible());
        QVERIFY(!w.table()->isVisible());
        for (QDockWidget* dock : w.findChildren<QDockWidget*>())
            QVERIFY2(!dock->isVisible(), qPrintable(dock->objectName()));
        for (const char* name : {"welcomeOpenFolder", "welcomeOpenFiles", "welcomeDemo"})
            QVERIFY2(w.welcome()->findChild<QCommandLinkButton*>(QLatin1String(name))->isVisible(), name);
        // No recent deployments yet: no empty box for them.
        QVERIFY(!w.welcome()->findChild<QGroupBox*>()->isVisible());
        w.openRoots({samples::root()});
        QVERIFY(!w.welcome()->isVisible());
        QVERIFY(w.table()->isVisible());
        QTRY_COMPARE(w.table()->model()->rowCount(), total());
    }

    void recentDeploymentsOpenFromTheWelcome() {
        // The previous test opened the samples: a new window offers them.
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QPushButton* recent = nullptr;
        for (QPushButton* b : w.welcome()->findChildren<QPushButton*>())
            if (b->toolTip() == samples::root()) recent = b;
        QVERIFY(recent);
        QVERIFY(recent->isVisible());
        QTest::mouseClick(recent, Qt::LeftButton);
        QVERIFY(w.table()->isVisible());
        QTRY_COMPARE(w.table()->model()->rowCount(), total());
    }

    void theDemoOpensFollowing() {
        QSettings().clear();
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QTest::mouseClick(w.welcome()->findChild<QCommandLinkButton*>(QStringLiteral("welcomeDemo")),
                          Qt::LeftButton);
        QVERIFY(w.followAction()->isChecked());
        QTRY_VERIFY(w.table()->model()->rowCount() > 1000); // fifteen minutes of history
        const int before = int(w.workspace()->store().size());
        QTRY_VERIFY_WITH_TIMEOUT(int(w.workspace()->store().size()) > before, 10'000); // and it keeps writing
        // A temporary folder is not a deployment to reopen.
        waitForBackgroundSettings();
        QVERIFY(QSettings().value(QStringLiteral("roots/recent")).toStringList().isEmpty());
    }

    void singleFilesOpenAsRoots() {
        const QString a = samples::root() + QStringLiteral("/dchat/logs/dchat.log");
        const QString b = samples::root() + QStringLiteral("/octollm/orchestrator.log");
        const QJsonObject files = m_expected[QStringLiteral("files")].toObject();
        const int expected =
            files[QStringLiteral("dchat/logs/dchat.log")].toObject()[QStringLiteral("entries")].toInt() +
            files[QStringLiteral("octollm/orchestrator.log")].toObject()[QStringLiteral("entries")].toInt();
        QVERIFY(expected > 0);
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        // Dropped on the window, as from a file manager.
        QMimeData data;
        data.setUrls({QUrl::fromLocalFile(a), QUrl::fromLocalFile(b)});
        QDragEnterEvent enter(QPoint(10, 10), Qt::CopyAction, &data, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(&w, &enter);
        QVERIFY(enter.isAccepted());
        QDropEvent drop(QPointF(10, 10), Qt::CopyAction, &data, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(&w, &drop);
        QVERIFY(w.workspace());
        QTRY_COMPARE(w.table()->model()->rowCount(), expected);
    }

    void filtersThatHideEverythingSaySoAndClear() {
        MainWindow w;
        w.resize(1200, 800);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        w.openRoots({samples::root()});
        QTRY_COMPARE(w.table()->model()->rowCount(), total());
        auto* overlay = w.findChild<QWidget*>(QStringLiteral("noMatches"));
        QVERIFY(overlay);
        QVERIFY(!overlay->isVisible());
        QTest::keyClicks(w.filterBar()->searchEdit(), QStringLiteral("no entry holds this text"));
        QTRY_COMPARE(w.table()->model()->rowCount(), 0);
        QTRY_VERIFY(overlay->isVisible());
        QTest::mouseClick(overlay->findChild<QPushButton*>(QStringLiteral("clearFilters")), Qt::LeftButton);
        QTRY_COMPARE(w.table()->model()->rowCount(), total());
        QVERIFY(w.filterBar()->searchEdit()->text().isEmpty());
        QTRY_VERIFY(!overlay->isVisible());
    }

    void helpMenuListsShortcutsAndAbout() {
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        for (const char* name : {"showShortcuts", "userGuide", "aboutVigil", "aboutQt"})
            QVERIFY2(findAction(&w, QLatin1String(name)), name);
        QStringList keys;
        onNextDialog([&keys](QWidget* dialog) {
            auto* table = dialog->findChild<QTableWidget*>();
            for (int r = 0; table && r < table->rowCount(); ++r)
                keys << table->item(r, 0)->text() + QLatin1Char(' ') + table->item(r, 1)->text();
        });
        findAction(&w, QStringLiteral("showShortcuts"))->trigger();
        QVERIFY2(keys.filter(QStringLiteral("Open folder")).size() == 1,
                 qPrintable(keys.join(QLatin1Char('\n'))));
        QVERIFY(keys.filter(QStringLiteral("Edit › Find")).size() == 1);

        QString about;
        QCoreApplication::setApplicationVersion(QStringLiteral("9.8.7"));
        onNextDialog([&about](QWidget* dialog) {
            if (auto* box = qobject_cast<QMessageBox*>(dialog)) about = box->text();
        });
        findAction(&w, QStringLiteral("aboutVigil"))->trigger();
        QVERIFY2(about.contains(QStringLiteral("9.8.7")) && about.contains(QString::fromLatin1(qVersion())) &&
                     about.contains(QStringLiteral("MIT")),
                 qPrintable(about));
        // The guide opens inside Vigil, rendered from the Markdown that ships with it.
        QVERIFY(!userGuidePath().isEmpty());
        findAction(&w, QStringLiteral("userGuide"))->trigger();
        auto* guide = w.findChild<QDialog*>(QStringLiteral("userGuideDialog"));
        QVERIFY(guide);
        QTRY_VERIFY(guide->isVisible());
        const QString text = guide->findChild<QTextBrowser*>()->toPlainText();
        QVERIFY2(text.contains(QStringLiteral("Field filters")) && !text.contains(QStringLiteral("## ")),
                 qPrintable(text.left(200)));
        guide->close();
    }
};

QTEST_MAIN(TestFrontDoor)
#include "tst_frontdoor.moc"
