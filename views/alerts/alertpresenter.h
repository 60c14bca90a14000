#pragma once
// Presents the alert engine to the user: a system tray icon showing the worst active
// state (ok, warning, critical) with a summary tooltip, a menu (show Vigil, snooze
// 15 min / 1 h, quit) and a notification per new alert; where no system tray exists,
// the in-window banner carries the same alerts. Also runs the configured actions and
// reports their failures. Notifications are muted while snoozed and for alerts raised
// more than kFreshUs before now (an old log's history is listed, not announced).

#include "alertactions.h"

#include "models/alerts/alertengine.h"
#include "models/alerts/alertsnooze.h"

#include <QObject>
#include <QPointer>

class QAction;
class QMenu;
class QSystemTrayIcon;

namespace vigil {

class AlertBanner;

class AlertPresenter : public QObject {
    Q_OBJECT
  public:
    // The banner is used when no tray is available (and for action failures always).
    AlertPresenter(AlertBanner* banner, QObject* parent = nullptr);
    // The engine whose alerts are presented (none: nothing is open).
    void setEngine(AlertEngine* engine);
    ~AlertPresenter() override;

    bool trayAvailable() const { return m_tray != nullptr; }
    QSystemTrayIcon* tray() const { return m_tray; }
    QMenu* trayMenu() const { return m_menu; }
    AlertActions& actions() { return m_actions; }
    AlertSnooze& snooze() { return m_snooze; }
    Severity shownState() const { return m_state; }
    QString toolTip() const { return m_toolTip; }
    // The last notification shown (title and text), for the status bar and tests.
    QString lastNotification() const { return m_lastNotification; }

    // Off while the history of newly opened logs is evaluated; turning it back on
    // announces once how many alerts that history left active.
    void setAnnouncing(bool on);

    void snoozeFor(qint64 ms);
    void snoozeAlert(const Alert& alert, qint64 ms);

    static constexpr std::int64_t kFreshUs = 10LL * 60 * 1000000;

  Q_SIGNALS:
    void showWindowRequested();
    void quitRequested();
    void notified(const QString& title, const QString& text);
    void showEntriesRequested(std::uint64_t alertId);
    void listRequested();

  private:
    void onRaised(const Alert& alert);
    void onResolved(const Alert& alert);
    void refreshState();
    void updateBanner();
    bool shouldAnnounce(const Alert& alert) const;

    QPointer<AlertEngine> m_engine;
    QList<QMetaObject::Connection> m_engineConnections;
    QPointer<AlertBanner> m_banner;
    QSystemTrayIcon* m_tray = nullptr;
    QMenu* m_menu = nullptr;
    QAction* m_snoozeState = nullptr;
    AlertActions m_actions;
    AlertSnooze m_snooze;
    Severity m_state = Severity::None;
    QString m_toolTip, m_lastNotification;
    std::uint64_t m_bannerAlert = 0;
    bool m_announcing = true;
    bool m_refreshQueued = false; // current values moved: one tooltip refresh per burst
};

} // namespace vigil
