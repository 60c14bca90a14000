// The presentation policy without a tray (offscreen): the banner follows the engine,
// notifications respect snoozes, freshness and catch-up, and the alert list model passes
// QAbstractItemModelTester while alerts come, change and go.

#include "alertfixture.h"
#include "models/endpointtablemodel.h"

#include "models/alertlistmodel.h"
#include "views/alerts/alertbanner.h"
#include "views/alerts/alertpresenter.h"
#include "views/charts/chartspanel.h"
#include "views/charts/latencychart.h"
#include "views/wraprow.h"

#include <QAbstractItemModelTester>
#include <QDateTime>
#include <QLabel>
#include <QSignalSpy>
#include <QVBoxLayout>
#include <QtTest>

using namespace vigil;
using namespace vigil::test;

namespace {
// An error-rate alert raised now, as the banner shows it.
Alert errorRateAlert(std::uint64_t id, Severity severity, double value, double threshold) {
    Alert alert;
    alert.id = id;
    alert.severity = severity;
    alert.metric = AlertMetric::ErrorRate;
    alert.value = alert.currentValue = value;
    alert.threshold = threshold;
    alert.raisedUs = QDateTime::currentMSecsSinceEpoch() * 1000;
    return alert;
}

// Layout requests travel up one level per turn.
void settleLayouts() {
    for (int k = 0; k < 4; ++k) {
        QCoreApplication::sendPostedEvents();
        QCoreApplication::processEvents();
    }
}

// A request `second` seconds after baseUs (base near now: the alerts it raises are fresh).
TestEntry slow(std::int64_t baseUs, double second, double duration) {
    TestEntry e = AlertFixture::request(0, duration);
    e.timeUs = baseUs + std::int64_t(second * 1e6);
    return e;
}
} // namespace

class TestAlertPresenter : public QObject {
    Q_OBJECT
  private Q_SLOTS:
    void bannerFollowsEngineWithoutTray();
    void bannerKeepsItsHeightWhileShown();
    void bannerLeavesNoBandWhenItsButtonsMove();
    void notificationCarriesNoMarkup();
    void snoozesFreshnessAndCatchUp();
    void listModel();
    void valuesReadAboveTheirThreshold();
    void trayListAndChartAgree();
    void valueChangesReachTheListOncePerTurn();
};

void TestAlertPresenter::valuesReadAboveTheirThreshold() {
    // p95 2.0043 s over a 2 s threshold reads as above it, not "2.00 s > 2.00 s".
    QCOMPARE(formatAboveThreshold(AlertMetric::P95, 2.0043, 2.0), QStringLiteral("2.004 s"));
    QCOMPARE(formatThreshold(AlertMetric::P95, 2.0), QStringLiteral("2 s"));
    QCOMPARE(formatAboveThreshold(AlertMetric::ErrorRate, 10.04, 10.0), QStringLiteral("10.04%"));
    QCOMPARE(formatAboveThreshold(AlertMetric::ErrorRate, 10.8, 10.0), QStringLiteral("10.8%"));
    QCOMPARE(formatThreshold(AlertMetric::ErrorRate, 5.0), QStringLiteral("5%"));
    QCOMPARE(formatAboveThreshold(AlertMetric::InstanceSilent, 301, 300), QStringLiteral("301 s"));
    QCOMPARE(formatAboveThreshold(AlertMetric::P95, 2.0000004, 2.0), QStringLiteral("2.0000004 s"));

    // The engine's own alert on that value says so.
    AlertFixture f;
    f.engine.setRules({rule("p95", AlertMetric::P95, 2.0, std::nullopt, 60)});
    std::vector<TestEntry> entries;
    for (int k = 0; k < 25; ++k)
        entries.push_back(AlertFixture::request(k * 0.1, 2.0043));
    f.feed("octollm-orchestrator", entries);
    f.feed("octollm-orchestrator", {AlertFixture::request(3, 0.1)});
    QCOMPARE(f.engine.activeAlerts().size(), std::size_t(1));
    const QString summary = f.engine.activeAlerts().front().summary();
    QVERIFY2(summary.contains(QRegularExpression(QStringLiteral("2\\.00\\d+ s > 2 s when it fired"))),
             qPrintable(summary));
}

void TestAlertPresenter::trayListAndChartAgree() {
    // A slow-request alert fires at 7 s, then an 9 s request keeps it going: the tray's
    // tooltip, the alert list and the latency chart's tooltip show the same two values,
    // each labelled (at firing, now).
    AlertFixture f;
    f.engine.setRules({rule("slow", AlertMetric::RequestDuration, 5.0, 10.0, 30)});
    AlertBanner banner;
    AlertPresenter presenter(&banner);
    presenter.setEngine(&f.engine);
    AlertListModel list(f.engine);
    const std::int64_t base = (QDateTime::currentSecsSinceEpoch() - 60) * 1000000;
    f.feed("eco-backend", {slow(base, 0, 7.0), slow(base, 1, 9.0), slow(base, 2, 0.1)});
    QCOMPARE(f.engine.activeAlerts().size(), std::size_t(1));
    const Alert a = f.engine.activeAlerts().front();
    QCOMPARE(a.value, 7.0);
    QCOMPARE(a.currentValue, 9.0);
    const QString values = QStringLiteral("7.00 s > 5 s when it fired, now 9.00 s");
    QCOMPARE(a.valuesText(), values);
    QTRY_VERIFY2(presenter.toolTip().contains(values), qPrintable(presenter.toolTip()));
    QVERIFY2(banner.text().contains(values), qPrintable(banner.text()));
    QTRY_COMPARE(list.rowCount(), 1);
    QCOMPARE(list.index(0, AlertListModel::ColValue).data().toString(), values);

    EndpointTableModel endpoints(f.metrics, f.store.endpoints());
    ChartsPanel panel(f.store, f.metrics, endpoints);
    panel.setAlerts(&f.engine);
    panel.setClock([base] { return base + 3600LL * 1000000; });
    panel.resize(900, 900);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    panel.setWindow(ChartWindow::Minutes5);
    const InstanceId eco(f.store.instances().find("eco-backend"));
    const QLineSeries* p95 = panel.latencyChart()->series(eco, Percentile::P95);
    QVERIFY(p95 && p95->count() > 0);
    const QString tip =
        panel.latencyChart()->hoverText(panel.latencyChart()->viewportPosOf(p95->at(p95->count() - 1)));
    QVERIFY2(tip.contains(values), qPrintable(tip));
    QVERIFY2(tip.contains(QStringLiteral("in this bucket")), qPrintable(tip));
}

void TestAlertPresenter::bannerFollowsEngineWithoutTray() {
    AlertFixture f;
    f.engine.setRules({rule("slow", AlertMetric::RequestDuration, 5.0, 10.0, 5)});
    AlertBanner banner;
    AlertPresenter presenter(&banner);
    presenter.setEngine(&f.engine);
    QVERIFY(!presenter.trayAvailable());
    QVERIFY(banner.isHidden());
    QSignalSpy notified(&presenter, &AlertPresenter::notified);
    const std::int64_t base = (QDateTime::currentSecsSinceEpoch() - 60) * 1000000;
    f.feed("eco-backend", {slow(base, 0, 7.0), slow(base, 1, 0.1)});
    QCOMPARE(presenter.shownState(), Severity::Warning);
    QVERIFY(!banner.isHidden());
    QVERIFY2(
        banner.text().contains(QLatin1String("slow on eco-backend: 7.00 s > 5 s when it fired, now 7.00 s")),
        qPrintable(banner.text()));
    QCOMPARE(notified.count(), 1);
    QVERIFY(presenter.toolTip().contains(QLatin1String("1 active alert")));
    // Escalation: same alert, announced again, banner shows critical.
    f.feed("eco-backend", {slow(base, 2, 12.0), slow(base, 3, 0.1)});
    QCOMPARE(presenter.shownState(), Severity::Critical);
    QVERIFY(banner.text().startsWith(QLatin1String("CRITICAL")));
    QCOMPARE(notified.count(), 2);
    // Acknowledged: the banner has nothing left to say; the state stays.
    QVERIFY(f.engine.acknowledge(f.engine.activeAlerts().at(0).id));
    QVERIFY(banner.isHidden());
    QCOMPARE(presenter.shownState(), Severity::Critical);
    // Resolved: back to ok.
    for (int s = 4; s <= 10; ++s)
        f.feed("eco-backend", {slow(base, s, 0.1)});
    QCOMPARE(presenter.shownState(), Severity::None);
    QVERIFY(presenter.toolTip().contains(QLatin1String("no active alerts")));
}

// The banner sits above the log table: its text taking fewer lines as the counts in it change
// must not move the table up and down under the reader's eyes.
void TestAlertPresenter::bannerKeepsItsHeightWhileShown() {
    QWidget page;
    auto* layout = new QVBoxLayout(&page);
    auto* banner = new AlertBanner(&page);
    auto* table = new QWidget(&page);
    layout->addWidget(banner);
    layout->addWidget(table, 1);
    page.resize(460, 400);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    Alert alert = errorRateAlert(7, Severity::Warning, 12.5, 5);
    const auto settle = settleLayouts;
    alert.ruleName = QStringLiteral("error rate over every instance of the deployment, long enough to wrap");
    banner->showAlert(alert, 5, 2);
    settle();
    const int tall = banner->height();
    const int tableTop = table->y();
    QVERIFY2(banner->text().contains(QLatin1String("(5 active, 2 critical)")), qPrintable(banner->text()));

    alert.ruleName = QStringLiteral("errors");
    banner->showAlert(alert, 1, 0); // a line or two shorter
    settle();
    QVERIFY2(!banner->text().contains(QLatin1String("active,")), qPrintable(banner->text()));
    QCOMPARE(banner->height(), tall);
    QCOMPARE(table->y(), tableTop);

    // Shown anew it starts from its text.
    banner->clearAlert();
    settle();
    banner->showAlert(alert, 1, 0);
    settle();
    QVERIFY2(banner->height() < tall, qPrintable(QStringLiteral("%1 / %2").arg(banner->height()).arg(tall)));
    QVERIFY(table->y() < tableTop);
}

// The buttons sit beside the text on a wide banner and below it on a narrow one. The height
// held for the text while it sat beside them (three or four lines) must not stay once it has
// the banner's whole width: at scale 2 that left a blank band above the buttons, and the log
// table below showed two rows instead of five.
void TestAlertPresenter::bannerLeavesNoBandWhenItsButtonsMove() {
    Alert alert = errorRateAlert(9, Severity::Critical, 100, 10);
    alert.ruleName = QStringLiteral("Error rate on b/dchat");
    for (int width = 420; width <= 1400; width += 20) {
        QWidget page;
        auto* layout = new QVBoxLayout(&page);
        auto* banner = new AlertBanner(&page);
        layout->addWidget(banner);
        layout->addWidget(new QWidget(&page), 1);
        page.resize(width, 500);
        // The first alert arrives as the window first lays out, as it does when a deployment
        // with alerting entries is opened from the command line.
        banner->showAlert(alert, 1, 0);
        page.show();
        banner->showAlert(alert, 2, 1); // the next, before the banner's row has settled
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        const auto settle = settleLayouts;
        auto* row = banner->findChild<WrapRow*>();
        QVERIFY(row);
        // Counts that change while the deployment opens, as they do in the window.
        QStringList shown{banner->text()};
        for (int active = 1; active <= 60; active += 7) {
            banner->showAlert(alert, active, active / 2);
            shown << banner->text();
            settle();
        }
        auto* text = banner->findChild<QLabel*>(QStringLiteral("alertBannerText"));
        QVERIFY(text);
        // No taller than its text at its width, or than the longest text it showed there.
        QLabel sameText;
        sameText.setWordWrap(true);
        sameText.setFont(text->font());
        int tallest = 0;
        for (const QString& line : shown) {
            sameText.setText(line);
            tallest = std::max(tallest, sameText.heightForWidth(text->width()));
        }
        const int extra = text->height() - tallest;
        QVERIFY2(extra <= 2,
                 qPrintable(QStringLiteral("at %1 px the text is %2 px taller than its lines (%3 px), "
                                           "buttons %4 it")
                                .arg(width)
                                .arg(extra)
                                .arg(tallest)
                                .arg(row->wrapped() ? QStringLiteral("below") : QStringLiteral("beside"))));
    }
}

// An instance name comes from log text; notification servers read the body as markup.
void TestAlertPresenter::notificationCarriesNoMarkup() {
    AlertFixture f;
    f.engine.setRules({rule("slow", AlertMetric::RequestDuration, 5.0, 10.0, 5)});
    AlertBanner banner;
    AlertPresenter presenter(&banner);
    presenter.setEngine(&f.engine);
    QSignalSpy notified(&presenter, &AlertPresenter::notified);
    const std::int64_t base = (QDateTime::currentSecsSinceEpoch() - 60) * 1000000;
    f.feed("<img src=http://h/x>&amp;", {slow(base, 0, 7.0), slow(base, 1, 0.1)});
    QCOMPARE(notified.count(), 1);
    const QString text = notified.at(0).at(1).toString();
    QVERIFY2(text.contains(QStringLiteral("\u2039img src=http://h/x\u203A\uFF06amp;")), qPrintable(text));
    for (const char c : {'<', '>', '&'})
        QVERIFY2(!text.contains(QLatin1Char(c)), qPrintable(text));
}

void TestAlertPresenter::snoozesFreshnessAndCatchUp() {
    AlertFixture f;
    f.engine.setRules({rule("slow", AlertMetric::RequestDuration, 5.0, std::nullopt, 1, 0, 0)});
    AlertBanner banner;
    AlertPresenter presenter(&banner);
    presenter.setEngine(&f.engine);
    QSignalSpy notified(&presenter, &AlertPresenter::notified);
    // Old logs: raised an hour ago by entry time: listed and shown, not announced.
    const std::int64_t old = (QDateTime::currentSecsSinceEpoch() - 3600) * 1000000;
    f.feed("a", {slow(old, 0, 7.0), slow(old, 1, 0.1), slow(old, 2, 0.1)});
    QCOMPARE(f.engine.history().size(), std::size_t(1));
    QCOMPARE(notified.count(), 0);
    const std::int64_t base = (QDateTime::currentSecsSinceEpoch() - 30) * 1000000;
    // Snoozed for 15 minutes: no notification, but the banner and state show it.
    presenter.snoozeFor(15 * 60 * 1000);
    QVERIFY(presenter.toolTip().contains(QLatin1String("snoozed until")));
    f.feed("a", {slow(base, 0, 7.0), slow(base, 1, 0.1)});
    QCOMPARE(notified.count(), 0);
    QCOMPARE(presenter.shownState(), Severity::Warning);
    QVERIFY(!banner.isHidden());
    presenter.snoozeFor(0); // resume
    // One alert snoozed: others still announced.
    presenter.snoozeAlert(f.engine.history().back(), 60 * 60 * 1000);
    f.feed("a", {slow(base, 5, 7.0), slow(base, 6, 0.1)});
    QCOMPARE(notified.count(), 0);
    f.feed("b", {slow(base, 7, 7.0), slow(base, 8, 0.1)});
    QCOMPARE(notified.count(), 1);
    // While catching up on history nothing is announced.
    presenter.setAnnouncing(false);
    f.feed("c", {slow(base, 9, 7.0), slow(base, 10, 0.1)});
    QCOMPARE(notified.count(), 1);
    presenter.setAnnouncing(true); // no tray: no summary notification either
    QCOMPARE(notified.count(), 1);
    f.feed("d", {slow(base, 11, 7.0), slow(base, 12, 0.1)});
    QCOMPARE(notified.count(), 2);
}

void TestAlertPresenter::listModel() {
    AlertFixture f;
    f.engine.setRules({rule("slow", AlertMetric::RequestDuration, 5.0, 10.0, 2, 0, 0)});
    AlertListModel model(f.engine);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model.rowCount(), 0);
    f.feed("a", {AlertFixture::request(0, 7.0), AlertFixture::request(1, 0.1)});
    f.feed("b", {AlertFixture::request(1, 12.0), AlertFixture::request(2, 0.1)});
    QTRY_COMPARE(model.rowCount(), 2);
    // Active first, newest first.
    QCOMPARE(model.index(0, AlertListModel::ColInstance).data().toString(), QStringLiteral("b"));
    QCOMPARE(model.index(0, AlertListModel::ColState).data().toString(), QStringLiteral("critical"));
    QCOMPARE(model.index(0, AlertListModel::ColValue).data().toString(),
             QStringLiteral("12.0 s > 10 s when it fired, now 12.0 s"));
    for (int s = 3; s <= 6; ++s)
        f.feed("a", {AlertFixture::request(s, 0.1)});
    QTRY_VERIFY(!model.index(1, AlertListModel::ColState).data(AlertListModel::ActiveRole).toBool());
    QVERIFY(model.index(1, AlertListModel::ColState).data().toString().startsWith(QLatin1String("resolved")));
    QCOMPARE(model.alertAt(0)->instance.isEmpty(), false);
    QCOMPARE(model.rowOf(model.alertAt(1)->id), 1);
    QCOMPARE(model.headerData(AlertListModel::ColRule, Qt::Horizontal).toString(), QStringLiteral("Rule"));
}

void TestAlertPresenter::valueChangesReachTheListOncePerTurn() {
    // An hour of slow requests evaluated at once (catching up on history) moves the active
    // alert's value 3,600 times: the list's views are told once, after the burst, not once
    // a second (each dataChanged() costs a relayout of the alert table).
    AlertFixture f;
    f.engine.setRules({rule("slow", AlertMetric::RequestDuration, 5.0, 100.0, 30)});
    AlertListModel list(f.engine);
    std::vector<TestEntry> entries;
    for (int s = 0; s < 3600; ++s)
        entries.push_back(AlertFixture::request(s, 6.0 + (s % 7)));
    f.feed("eco-backend", {entries.begin(), entries.begin() + 2}); // second 0 complete: it fires
    QTRY_COMPARE(list.rowCount(), 1);
    QSignalSpy changed(&list, &QAbstractItemModel::dataChanged);
    f.feed("eco-backend", {entries.begin() + 2, entries.end()}, false);
    f.engine.flush();
    QVERIFY(f.engine.evaluatedSeconds() >= 3600);
    QVERIFY(changed.size() <= 1);
    QTRY_COMPARE(changed.size(), 1);
    QCOMPARE(list.index(0, AlertListModel::ColValue).data().toString(),
             f.engine.activeAlerts().front().valuesText());
}

QTEST_MAIN(TestAlertPresenter)
#include "tst_alertpresenter.moc"
