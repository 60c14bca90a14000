#pragma once
// Puts alerts into a main window: the monitor running the rules over the window's
// ingest, the tray presenter (or the in-window banner without a tray), the alert list
// dock and the Rules dialog, plus their menu entries. The window adds the banner to its
// layout, calls attach() for each opened set of roots and answers showEntriesRequested.

#include "models/alerts/alertmonitor.h"

#include <QDockWidget>
#include <QObject>
#include <QPointer>

class QMainWindow;
class QMenu;

namespace vigil {

class AlertBanner;
class AlertListPanel;
class AlertPresenter;

class AlertsUi : public QObject {
    Q_OBJECT
  public:
    // Rules come from `rulesPath` (created with the defaults when missing).
    explicit AlertsUi(QMainWindow* window, const QString& rulesPath = defaultRulesPath());
    ~AlertsUi() override;

    void attach(LiveIngest* ingest) { m_monitor->attach(ingest); }
    void addMenuActions(QMenu* menu);
    void editRules();
    // Closing the window hides it into the tray when there is one.
    bool keepsRunningInTray() const;

    AlertMonitor& monitor() { return *m_monitor; }
    AlertPresenter& presenter() { return *m_presenter; }
    AlertBanner* banner() const { return m_banner; }
    AlertListPanel* list() const { return m_list; }
    QDockWidget* dock() const { return m_dock; }

  Q_SIGNALS:
    // The instance (empty: all) and entry-time range [fromUs, toUs] of an alert.
    void showEntriesRequested(const QString& instance, qint64 fromUs, qint64 toUs);
    void quitRequested();

  private:
    void showRulesProblems(const QStringList& problems);

    QMainWindow* m_window;
    AlertMonitor* m_monitor;
    QPointer<AlertBanner> m_banner;
    AlertPresenter* m_presenter;
    AlertListPanel* m_list;
    QPointer<QDockWidget> m_dock;
};

} // namespace vigil
