#pragma once
// Puts alerts into a main window: the tray presenter (or the in-window banner without a
// tray), the alert list dock and the Rules dialog, plus their menu entries. The alerts
// themselves come from each opened deployment's Workspace (attach()), the rules from the
// window's RulesSource. The window adds the banner to its layout and answers
// showEntriesRequested.

#include "models/alerts/rulessource.h"

#include <QDockWidget>
#include <QObject>
#include <QPointer>

class QMainWindow;
class QMenu;

namespace vigil {

class AlertBanner;
class AlertListPanel;
class AlertPresenter;
class AlertEngine;
class Workspace;

class AlertsUi : public QObject {
    Q_OBJECT
  public:
    // `rules` must outlive this object; every attached workspace evaluates its rules.
    AlertsUi(QMainWindow* window, RulesSource& rules);
    ~AlertsUi() override;

    // Shows the alerts of this workspace (none: nothing open) and gives it the rules.
    void attach(Workspace* workspace);
    void addMenuActions(QMenu* menu);
    void editRules();
    // Closing the window hides it into the tray when there is one.
    bool keepsRunningInTray() const;

    RulesSource& rules() { return m_rules; }
    // The alert engine of the attached workspace, if any.
    AlertEngine* engine() const;
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
    RulesSource& m_rules;
    QPointer<Workspace> m_workspace;
    QList<QMetaObject::Connection> m_workspaceConnections;
    QPointer<AlertBanner> m_banner;
    AlertPresenter* m_presenter;
    AlertListPanel* m_list;
    QPointer<QDockWidget> m_dock;
};

} // namespace vigil
