// The alerts in the real main window, fed by the demo writer: an error burst must show
// as an alert within 2 seconds. Run offscreen (no system tray: the in-window banner
// carries it) and, through run_tray_test.sh, under Xvfb with trayer as a real system
// tray (the tray icon changes state and the notification balloon shows). The window's
// own LiveIngest follows the files the writer appends to.

#include "models/alertlistmodel.h"
#include "models/demo/demowriter.h"
#include "views/alerts/alertbanner.h"
#include "views/alerts/alerticons.h"
#include "views/alerts/alertlistpanel.h"
#include "views/alerts/alertpresenter.h"
#include "views/alerts/alertsui.h"
#include "views/filterbar.h"
#include "views/mainwindow.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDateTime>
#include <QDir>
#include <QMenu>
#include <QProcess>
#include <QPushButton>
#include <QSystemTrayIcon>
#include <QTableView>
#include <QTemporaryDir>
#include <QTimer>
#include <QtTest>

using namespace vigil;

namespace {

QImage iconImage(const QIcon& icon) {
    return icon.pixmap(22, 22).toImage();
}

// The rule the test watches: the error rate over all instances in a 2 s window. The
// demo's background is about 4 % errors; a burst is about 45 %.
RulesDocument burstRules() {
    AlertRule r;
    r.id = QStringLiteral("error-burst");
    r.name = QStringLiteral("Error burst");
    r.metric = AlertMetric::ErrorRate;
    r.scope = ScopeKind::All;
    r.windowSeconds = 2;
    r.warning = 10;
    r.critical = 25;
    r.minSamples = 20;
    r.repeatSeconds = 0; // an earlier periodic burst must not absorb the test's burst
    RulesDocument d;
    d.rules.push_back(r);
    return d;
}

} // namespace

class TestAlertsGui : public QObject {
    Q_OBJECT
  private Q_SLOTS:
    void initTestCase();
    void errorBurstRaisesAlertWithinTwoSeconds();

  private:
    QTemporaryDir m_config;
    bool m_trayMode = false;
};

void TestAlertsGui::initTestCase() {
    QVERIFY(m_config.isValid());
    qputenv("XDG_CONFIG_HOME", m_config.path().toUtf8());
    QCoreApplication::setOrganizationName(QStringLiteral("Vigil"));
    QCoreApplication::setApplicationName(QStringLiteral("Vigil"));
    m_trayMode = qEnvironmentVariableIsSet("VIGIL_TRAY_TEST");
    if (m_trayMode && qEnvironmentVariableIsSet("VIGIL_NO_X_REASON"))
        QSKIP(qPrintable(QStringLiteral("no X server for the tray test: ") +
                         qEnvironmentVariable("VIGIL_NO_X_REASON")));
    if (m_trayMode) {
        // trayer takes a moment to own the tray selection.
        QTRY_VERIFY_WITH_TIMEOUT(QSystemTrayIcon::isSystemTrayAvailable(), 5000);
    } else {
        QVERIFY(!QSystemTrayIcon::isSystemTrayAvailable());
    }
}

void TestAlertsGui::errorBurstRaisesAlertWithinTwoSeconds() {
    QTemporaryDir demoDir;
    DemoWriter writer(demoDir.path(), 11);

    MainWindow window;
    AlertsUi* alerts = window.alerts();
    QVERIFY(alerts);
    // The rules file was created with the defaults in the (test) config folder.
    QVERIFY(QFile::exists(alerts->rules().path()));
    QVERIFY(alerts->rules().path().startsWith(m_config.path()));
    QCOMPARE(alerts->rules().document().rules.size(), defaultAlertRules().size());
    alerts->rules().setDocument(burstRules());
    AlertPresenter& presenter = alerts->presenter();
    QCOMPARE(presenter.trayAvailable(), m_trayMode);
    QCOMPARE(presenter.shownState(), Severity::None);
    if (m_trayMode) {
        QVERIFY(presenter.tray()->isVisible());
        QCOMPARE(iconImage(presenter.tray()->icon()), iconImage(severityIcon(Severity::None)));
        QVERIFY(presenter.tray()->toolTip().contains(QLatin1String("no active alerts")));
    }

    window.resize(m_trayMode ? 1000 : 1400, m_trayMode ? 640 : 900);
    window.move(0, 0);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.openRoots({demoDir.path()});
    QTRY_VERIFY_WITH_TIMEOUT(window.workspace()->ingest().initialScanDone(), 10000);
    QVERIFY(window.workspace()->ingest().following());

    // Keep clear of the writer's own bursts (6 s every 70 s of wall-clock time, and the
    // 2 s window after them) so the alert comes from the burst this test starts.
    auto phase = [] { return QDateTime::currentSecsSinceEpoch() % 70; };
    AlertEngine& engine = window.workspace()->alerts();
    writer.start(100, 100);
    QTest::qWait(3000); // a baseline to compare against
    QTRY_VERIFY_WITH_TIMEOUT(phase() >= 12 && phase() <= 58 && engine.activeAlerts().empty(), 90000);
    QVERIFY(window.workspace()->metrics().ingestedEntries() > 150);
    QVERIFY(window.alerts()->banner()->isHidden());
    const std::uint64_t lastId = engine.history().empty() ? 0 : engine.history().back().id;

    QElapsedTimer clock;
    clock.start();
    writer.startErrorBurst(5);
    const std::int64_t burstUs = QDateTime::currentMSecsSinceEpoch() * 1000;
    QTRY_VERIFY_WITH_TIMEOUT(!engine.activeAlerts().empty(), 2000);
    const qint64 latencyMs = clock.elapsed();
    qInfo("alert %lld ms after the burst started", latencyMs);
    QVERIFY(latencyMs <= 2000);
    const Alert alert = engine.activeAlerts().front();
    QVERIFY(alert.id > lastId);
    QCOMPARE(alert.ruleId, QStringLiteral("error-burst"));
    QVERIFY2(alert.raisedUs >= burstUs, qPrintable(alert.summary())); // fired on entries of the burst
    QVERIFY(alert.value > 10);

    if (m_trayMode) {
        // The tray icon shows the state; the notification balloon is up.
        QTRY_VERIFY_WITH_TIMEOUT(presenter.shownState() != Severity::None, 500);
        QCOMPARE(iconImage(presenter.tray()->icon()), iconImage(severityIcon(presenter.shownState())));
        QVERIFY(iconImage(presenter.tray()->icon()) != iconImage(severityIcon(Severity::None)));
        QVERIFY(presenter.tray()->toolTip().contains(QLatin1String("Error burst on all instances")));
        QVERIFY(presenter.lastNotification().contains(QLatin1String("Error burst")));
        QWidget* balloon = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((balloon =
                                      [] {
                                          for (QWidget* w : QApplication::topLevelWidgets())
                                              if (qstrcmp(w->metaObject()->className(), "QBalloonTip") == 0 &&
                                                  w->isVisible())
                                                  return w;
                                          return static_cast<QWidget*>(nullptr);
                                      }()) != nullptr,
                                 1000);
        QVERIFY(window.alerts()->banner()->isHidden()); // the tray carries it
        // Closing the window keeps Vigil running in the tray; its menu shows it again.
        window.close();
        QVERIFY(window.isHidden());
        QVERIFY(presenter.tray()->isVisible());
        QStringList menu;
        QMap<QString, QAction*> actions;
        for (QAction* a : presenter.trayMenu()->actions())
            if (!a->isSeparator()) {
                menu << a->text();
                actions.insert(a->text(), a);
            }
        QCOMPARE(menu,
                 (QStringList{QStringLiteral("Show Vigil"), QStringLiteral("Snooze alerts for 15 minutes"),
                              QStringLiteral("Snooze alerts for 1 hour"),
                              QStringLiteral("Resume notifications"), QStringLiteral("Quit")}));
        actions.value(QStringLiteral("Show Vigil"))->trigger();
        QVERIFY(window.isVisible());
        actions.value(QStringLiteral("Snooze alerts for 15 minutes"))->trigger();
        QVERIFY(presenter.tray()->toolTip().contains(QLatin1String("Notifications snoozed until")));
        QVERIFY(presenter.snooze().isSnoozed(alert, QDateTime::currentMSecsSinceEpoch()));
        QVERIFY(actions.value(QStringLiteral("Resume notifications"))->isVisible());
        actions.value(QStringLiteral("Resume notifications"))->trigger();
        QVERIFY(!presenter.snooze().isSnoozed(alert, QDateTime::currentMSecsSinceEpoch()));
        QTest::qWait(400); // the balloon stays; let both paint
        const QString dir = qEnvironmentVariable("VIGIL_SCREENSHOT_DIR");
        if (!dir.isEmpty()) {
            QDir().mkpath(dir);
            QProcess import;
            import.start(QStringLiteral("import"),
                         {QStringLiteral("-window"), QStringLiteral("root"), QStringLiteral("-resize"),
                          QStringLiteral("1024x"),
                          QStringLiteral("PNG8:") + QDir(dir).filePath(QStringLiteral("alert-tray.png"))});
            QVERIFY(import.waitForFinished(20000));
            QCOMPARE(import.exitCode(), 0);
        }
    } else {
        // No tray: the banner carries the alert.
        AlertBanner* banner = window.alerts()->banner();
        QVERIFY(banner->isVisible());
        QCOMPARE(banner->alertId(), alert.id);
        QVERIFY2(banner->text().contains(QLatin1String("Error burst on all instances")),
                 qPrintable(banner->text()));
        QVERIFY(banner->text().startsWith(severityName(alert.severity).toUpper()));
        // The list has it; clicking it filters the table to its time range.
        AlertListPanel* list = window.alerts()->list();
        list->model()->refresh();
        QCOMPARE(list->model()->rowCount(),
                 int(engine.history().size()));      // a periodic burst may have one too
        QCOMPARE(list->model()->rowOf(alert.id), 0); // active alerts first
        const QRect cell = list->view()->visualRect(list->view()->model()->index(0, AlertListModel::ColRule));
        QTest::mouseClick(list->view()->viewport(), Qt::LeftButton, {}, cell.center());
        QCOMPARE(window.filterBar()->timeRange()->currentIndex(),
                 window.filterBar()->timeRange()->count() - 1);
        const QString dir = qEnvironmentVariable("VIGIL_SCREENSHOT_DIR");
        if (!dir.isEmpty()) {
            QDir().mkpath(dir);
            QTest::qWait(300);
            QVERIFY(window.grab()
                        .scaledToWidth(1100, Qt::SmoothTransformation)
                        .save(QDir(dir).filePath(QStringLiteral("alert-banner.png"))));
        }
        // Acknowledging from the banner hides it.
        QTest::mouseClick(banner->findChildren<QPushButton*>().at(1), Qt::LeftButton);
        QVERIFY(window.workspace()->alerts().find(alert.id)->acknowledged);
        QTRY_VERIFY_WITH_TIMEOUT(banner->isHidden() || banner->alertId() != alert.id, 1000);
    }
    writer.stop();
}

QTEST_MAIN(TestAlertsGui)
#include "tst_alertsgui.moc"
