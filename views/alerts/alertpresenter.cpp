#include "alertpresenter.h"

#include "alertbanner.h"
#include "alerticons.h"

#include "models/secrets/safetext.h"

#include <QAction>
#include <QDateTime>
#include <QMenu>
#include <QSystemTrayIcon>

namespace vigil {

AlertPresenter::AlertPresenter(AlertBanner* banner, QObject* parent) : QObject(parent), m_banner(banner) {
    if (QSystemTrayIcon::isSystemTrayAvailable()) {
        m_tray = new QSystemTrayIcon(severityIcon(Severity::None), this);
        m_menu = new QMenu();
        m_menu->addAction(tr("Show Vigil"), this, &AlertPresenter::showWindowRequested);
        m_menu->addSeparator();
        m_menu->addAction(tr("Snooze alerts for 15 minutes"), this, [this] { snoozeFor(15 * 60 * 1000); });
        m_menu->addAction(tr("Snooze alerts for 1 hour"), this, [this] { snoozeFor(60 * 60 * 1000); });
        m_snoozeState = m_menu->addAction(tr("Resume notifications"), this, [this] { snoozeFor(0); });
        m_snoozeState->setVisible(false);
        m_menu->addSeparator();
        m_menu->addAction(tr("Quit"), this, &AlertPresenter::quitRequested);
        m_tray->setContextMenu(m_menu);
        connect(m_tray, &QSystemTrayIcon::activated, this, [this](QSystemTrayIcon::ActivationReason reason) {
            if (reason == QSystemTrayIcon::Trigger || reason == QSystemTrayIcon::DoubleClick)
                Q_EMIT showWindowRequested();
        });
        connect(m_tray, &QSystemTrayIcon::messageClicked, this, [this] {
            Q_EMIT showWindowRequested();
            if (m_bannerAlert) Q_EMIT showEntriesRequested(m_bannerAlert);
        });
        m_tray->show();
    }
    if (m_banner) {
        connect(m_banner, &AlertBanner::acknowledgeRequested, this, [this](std::uint64_t id) {
            if (m_engine) m_engine->acknowledge(id);
        });
        connect(m_banner, &AlertBanner::showEntriesRequested, this, &AlertPresenter::showEntriesRequested);
        connect(m_banner, &AlertBanner::listRequested, this, &AlertPresenter::listRequested);
    }
    connect(&m_actions, &AlertActions::failed, this, [this](const QString& message) {
        if (m_tray)
            m_tray->showMessage(tr("Vigil: an alert action failed"), notificationText(message),
                                QSystemTrayIcon::Warning, 10000);
        if (m_banner && (!m_tray || !m_banner->isVisible() || m_banner->alertId() == 0))
            m_banner->showMessage(tr("Alert action failed: %1").arg(message), Severity::Warning);
    });
    refreshState();
}

AlertPresenter::~AlertPresenter() {
    delete m_menu;
}

void AlertPresenter::setEngine(AlertEngine* engine) {
    for (const QMetaObject::Connection& c : m_engineConnections)
        disconnect(c);
    m_engineConnections.clear();
    m_engine = engine;
    m_bannerAlert = 0;
    if (engine) {
        m_engineConnections << connect(engine, &AlertEngine::alertRaised, this, &AlertPresenter::onRaised)
                            << connect(engine, &AlertEngine::alertResolved, this, &AlertPresenter::onResolved)
                            << connect(engine, &AlertEngine::activeChanged, this,
                                       &AlertPresenter::refreshState)
                            << connect(engine, &AlertEngine::alertValueChanged, this, [this] {
                                   if (m_refreshQueued) return;
                                   m_refreshQueued = true;
                                   QMetaObject::invokeMethod(
                                       this,
                                       [this] {
                                           m_refreshQueued = false;
                                           refreshState();
                                       },
                                       Qt::QueuedConnection);
                               });
    }
    refreshState();
}

void AlertPresenter::setAnnouncing(bool on) {
    if (on == m_announcing) return;
    m_announcing = on;
    if (!on || !m_engine) return;
    int active = 0, critical = 0;
    for (const Alert& a : m_engine->activeAlerts()) {
        ++active;
        if (a.severity == Severity::Critical) ++critical;
    }
    if (active == 0 || !m_tray || m_snooze.allUntilMs() > QDateTime::currentMSecsSinceEpoch()) return;
    const QString title = tr("Vigil: %n alert(s) active in the opened logs", nullptr, active);
    const QString text = tr("%1 critical. The Alerts list has them all.").arg(critical);
    m_lastNotification = title + QLatin1Char('\n') + text;
    m_tray->showMessage(title, text, critical ? QSystemTrayIcon::Critical : QSystemTrayIcon::Warning, 10000);
    Q_EMIT notified(title, text);
}

bool AlertPresenter::shouldAnnounce(const Alert& a) const {
    if (!m_announcing) return false;
    const qint64 nowMs = QDateTime::currentMSecsSinceEpoch();
    return a.raisedUs >= nowMs * 1000 - kFreshUs && !m_snooze.isSnoozed(a, nowMs);
}

void AlertPresenter::onRaised(const Alert& a) {
    refreshState();
    if (!shouldAnnounce(a)) return;
    const QString title =
        notificationText(tr("Vigil: %1 — %2").arg(severityName(a.severity).toUpper(), a.ruleName));
    const QString text = notificationText(a.summary());
    m_lastNotification = title + QLatin1Char('\n') + text;
    m_bannerAlert = a.id;
    if (m_tray)
        m_tray->showMessage(
            title, text,
            a.severity == Severity::Critical ? QSystemTrayIcon::Critical : QSystemTrayIcon::Warning, 10000);
    Q_EMIT notified(title, text);
    m_actions.run(a, AlertEvent::Raised);
}

void AlertPresenter::onResolved(const Alert& a) {
    refreshState();
    if (shouldAnnounce(a)) m_actions.run(a, AlertEvent::Resolved);
}

void AlertPresenter::refreshState() {
    int active = 0, critical = 0;
    QStringList lines;
    const std::vector<Alert> alerts = m_engine ? m_engine->activeAlerts() : std::vector<Alert>();
    for (const Alert& a : alerts) {
        ++active;
        if (a.severity == Severity::Critical) ++critical;
        if (lines.size() < 5) lines << a.summary();
    }
    m_state = m_engine ? m_engine->worstActive() : Severity::None;
    QString tip = active == 0
                      ? tr("Vigil — no active alerts")
                      : tr("Vigil — %n active alert(s), ", nullptr, active) + tr("%1 critical").arg(critical);
    if (!lines.isEmpty()) tip += QLatin1Char('\n') + lines.join(QLatin1Char('\n'));
    if (active > lines.size()) tip += tr("\n…and %1 more").arg(active - lines.size());
    const qint64 until = m_snooze.allUntilMs();
    if (until > QDateTime::currentMSecsSinceEpoch())
        tip += tr("\nNotifications snoozed until %1")
                   .arg(QDateTime::fromMSecsSinceEpoch(until).toString(QStringLiteral("HH:mm")));
    m_toolTip = tip;
    if (m_tray) {
        m_tray->setIcon(severityIcon(m_state));
        m_tray->setToolTip(tip);
    }
    updateBanner();
}

void AlertPresenter::updateBanner() {
    if (!m_banner || m_tray) return;
    // The newest active alert nobody acknowledged, the worst first.
    const Alert* pick = nullptr;
    int active = 0, critical = 0;
    static const std::deque<Alert> none;
    for (const Alert& a : m_engine ? m_engine->history() : none) {
        if (!a.active()) continue;
        ++active;
        if (a.severity == Severity::Critical) ++critical;
        if (a.acknowledged) continue;
        if (!pick || a.severity > pick->severity ||
            (a.severity == pick->severity && a.raisedUs >= pick->raisedUs))
            pick = &a;
    }
    if (pick)
        m_banner->showAlert(*pick, active, critical);
    else if (m_banner->alertId() != 0)
        m_banner->clearAlert();
}

void AlertPresenter::snoozeFor(qint64 ms) {
    const qint64 until = ms > 0 ? QDateTime::currentMSecsSinceEpoch() + ms : 0;
    m_snooze.snoozeAll(until);
    if (m_snoozeState) {
        m_snoozeState->setVisible(until > 0);
        m_snoozeState->setText(
            tr("Resume notifications (snoozed until %1)")
                .arg(QDateTime::fromMSecsSinceEpoch(until).toString(QStringLiteral("HH:mm"))));
    }
    refreshState();
}

void AlertPresenter::snoozeAlert(const Alert& alert, qint64 ms) {
    m_snooze.snooze(alert, QDateTime::currentMSecsSinceEpoch() + ms);
}

} // namespace vigil
