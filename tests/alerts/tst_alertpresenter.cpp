// The presentation policy without a tray (offscreen): the banner follows the engine,
// notifications respect snoozes, freshness and catch-up, and the alert list model passes
// QAbstractItemModelTester while alerts come, change and go.

#include "alertfixture.h"

#include "models/alertlistmodel.h"
#include "views/alerts/alertbanner.h"
#include "views/alerts/alertpresenter.h"

#include <QAbstractItemModelTester>
#include <QDateTime>
#include <QSignalSpy>
#include <QtTest>

using namespace vigil;
using namespace vigil::test;

namespace {
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
    void snoozesFreshnessAndCatchUp();
    void listModel();
};

void TestAlertPresenter::bannerFollowsEngineWithoutTray() {
    AlertFixture f;
    f.engine.setRules({rule("slow", AlertMetric::RequestDuration, 5.0, 10.0, 5)});
    AlertBanner banner;
    AlertPresenter presenter(f.engine, &banner);
    QVERIFY(!presenter.trayAvailable());
    QVERIFY(banner.isHidden());
    QSignalSpy notified(&presenter, &AlertPresenter::notified);
    const std::int64_t base = (QDateTime::currentSecsSinceEpoch() - 60) * 1000000;
    f.feed("eco-backend", {slow(base, 0, 7.0), slow(base, 1, 0.1)});
    QCOMPARE(presenter.shownState(), Severity::Warning);
    QVERIFY(!banner.isHidden());
    QVERIFY2(banner.text().contains(QLatin1String("slow on eco-backend: 7.00 s > 5 s when it fired, now 7.00 s")),
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

void TestAlertPresenter::snoozesFreshnessAndCatchUp() {
    AlertFixture f;
    f.engine.setRules({rule("slow", AlertMetric::RequestDuration, 5.0, std::nullopt, 1, 0, 0)});
    AlertBanner banner;
    AlertPresenter presenter(f.engine, &banner);
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
    QCOMPARE(model.index(0, AlertListModel::ColValue).data().toString(), QStringLiteral("12.0 s > 10 s when it fired, now 12.0 s"));
    for (int s = 3; s <= 6; ++s)
        f.feed("a", {AlertFixture::request(s, 0.1)});
    QTRY_VERIFY(!model.index(1, AlertListModel::ColState).data(AlertListModel::ActiveRole).toBool());
    QVERIFY(model.index(1, AlertListModel::ColState).data().toString().startsWith(QLatin1String("resolved")));
    QCOMPARE(model.alertAt(0)->instance.isEmpty(), false);
    QCOMPARE(model.rowOf(model.alertAt(1)->id), 1);
    QCOMPARE(model.headerData(AlertListModel::ColRule, Qt::Horizontal).toString(), QStringLiteral("Rule"));
}

QTEST_MAIN(TestAlertPresenter)
#include "tst_alertpresenter.moc"
