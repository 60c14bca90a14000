#pragma once
// The main window: composes the instance sidebar, filter bar, entries table, detail pane
// and status bar over a Workspace, and owns the menus, shortcuts, drag and drop, recent
// roots and persisted layout. Logic lives in the models; this wires them to widgets.

#include "models/alerts/rulessource.h"
#include "models/exec/executor.h"
#include "models/workspace.h"

#include <QMainWindow>

#include <memory>

class QAction;
class QMenu;
class QSplitter;
class QStackedWidget;
class QTemporaryDir;
class QTreeView;

namespace vigil {

class AlertsUi;
class ChartsDocks;
class DemoWriter;
class DetailPane;
class ExportRunner;
class FilterBar;
class InsightDocks;
class LogTableView;
class Navigator;
class NoMatchesOverlay;
class OpenProgress;
class OpenWindowChoice;
class RemoteCredentials;
class SidebarColumns;
class StatusPanel;
class WelcomeView;

class MainWindow : public QMainWindow {
    Q_OBJECT
  public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    // Opens roots, folders or log files (replacing what was open), and remembers them.
    void openRoots(const QStringList& roots);
    // Writes a live demo deployment in a temporary folder and opens it, following.
    void openDemo();
    // Charts right, alerts and endpoints tabbed below, default splitter and column sizes.
    void resetLayout();
    WelcomeView* welcome() const { return m_welcome; }

    Workspace* workspace() const { return m_workspace.get(); }
    FilterBar* filterBar() const { return m_filterBar; }
    LogTableView* table() const { return m_table; }
    DetailPane* detail() const { return m_detail; }
    QTreeView* sidebar() const { return m_sidebar; }
    StatusPanel* statusPanel() const { return m_status; }
    QAction* followAction() const { return m_follow; }
    AlertsUi* alerts() const { return m_alerts; }
    // Filters the table to an alert's instance (all when empty) and entry-time range.
    void showAlertEntries(const QString& instance, qint64 fromUs, qint64 toUs);
    // Shows one instance's entries (all when empty), as a click on its chart line does.
    void showInstanceOnly(const QString& instance);
    // Filters the table to the entries of one message pattern (its regular expression).
    void showPattern(const QString& regex);
    InsightDocks* insight() const { return m_insight; }
    ChartsDocks* charts() const { return m_charts; }
    Navigator* navigator() const { return m_navigator; }
    // How much history opening reads (--since, File › Time window, the welcome's combo).
    OpenWindowChoice* openWindow() const { return m_openWindow; }
    OpenProgress* openProgress() const { return m_openProgress; }

    // Selects the row showing an entry (once the current query has produced it).
    void selectEntry(EntryIndex entry);
    // Shows every entry of one correlation id: all instances, levels and times (Back undoes).
    void followCorrelationId(const QString& value);
    void clearFilters();
    // True while one action changes several filter controls; the filter applies once after.
    bool filterHeld() const { return m_holdFilter; }
    // Exports the shown entries on a worker (progress and errors shown by the window).
    ExportRunner* exportTo(const QString& fileName);

  protected:
    void closeEvent(QCloseEvent* event) override;
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

  private:
    void buildMenus();
    void applyFilter();
    void updateStatus();
    void updateRecentMenu();
    void openDeployment(const QStringList& roots, bool remember);
    void showWelcome();
    void resetSplitters();
    void leaveWelcome();
    void chooseFolder();
    void chooseFiles();
    void chooseLoki();
    void exportFiltered();
    void copySelectedRows();
    void showRowMenu(const QPoint& pos);
    void showInContext(EntryIndex entry);
    void onCurrentRowChanged();
    void restoreSelection();
    void saveSession();

    Executor m_executor; // outlives every workspace: an export may still be running
    RulesSource m_rules; // the alert rules every opened workspace evaluates
    std::unique_ptr<Workspace> m_workspace;
    FilterBar* m_filterBar;
    LogTableView* m_table;
    DetailPane* m_detail;
    QTreeView* m_sidebar;
    StatusPanel* m_status;
    QSplitter *m_outer, *m_inner;
    QStackedWidget* m_pages;
    WelcomeView* m_welcome = nullptr;
    NoMatchesOverlay* m_noMatches;
    SidebarColumns* m_sidebarColumns;
    QString m_openSummary;    // what opening read ("Read 5.4 MB in 0.1 s"), kept beside "Following"
    QByteArray m_savedLayout; // docks and toolbars as the user left them
    std::unique_ptr<QTemporaryDir> m_demoFolder;
    std::unique_ptr<DemoWriter> m_demoWriter;
    QAction *m_follow, *m_utc, *m_reveal;
    QAction* m_freshStart = nullptr; // reopening does not restore the deployment's session
    QMenu* m_recent = nullptr;
    AlertsUi* m_alerts = nullptr;
    ChartsDocks* m_charts = nullptr;
    InsightDocks* m_insight = nullptr;
    Navigator* m_navigator = nullptr;
    OpenWindowChoice* m_openWindow = nullptr;
    RemoteCredentials* m_credentials = nullptr;
    OpenProgress* m_openProgress = nullptr;
    bool m_quitting = false;   // closing really quits (not into the tray)
    bool m_holdFilter = false; // several controls change at once: apply the filter after
    bool m_hasSelected = false, m_pendingSelect = false;
    EntryIndex m_selected;
};

} // namespace vigil
