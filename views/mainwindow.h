#pragma once
// The main window: composes the instance sidebar, filter bar, entries table, detail pane
// and status bar over a Workspace, and owns the menus, shortcuts, drag and drop, recent
// roots and persisted layout. Logic lives in the models; this wires them to widgets.

#include "models/workspace.h"

#include <QMainWindow>

#include <memory>

class QAction;
class QMenu;
class QSplitter;
class QTreeView;

namespace vigil {

class AlertsUi;
class ChartsDocks;
class DetailPane;
class ExportRunner;
class FilterBar;
class LogTableView;
class StatusPanel;

class MainWindow : public QMainWindow {
    Q_OBJECT
  public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    // Opens roots (replacing what was open) and remembers them.
    void openRoots(const QStringList& roots);

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
    ChartsDocks* charts() const { return m_charts; }

    // Selects the row showing an entry (once the current query has produced it).
    void selectEntry(EntryIndex entry);
    // Filters every instance to one correlation id.
    void followCorrelationId(const QString& value);
    void clearFilters();
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
    void chooseFolder();
    void exportFiltered();
    void copySelectedRows();
    void showRowMenu(const QPoint& pos);
    void showInContext(EntryIndex entry);
    void onCurrentRowChanged();
    void restoreSelection();

    std::unique_ptr<Workspace> m_workspace;
    FilterBar* m_filterBar;
    LogTableView* m_table;
    DetailPane* m_detail;
    QTreeView* m_sidebar;
    StatusPanel* m_status;
    QSplitter *m_outer, *m_inner;
    QAction *m_follow, *m_utc, *m_reveal;
    QMenu* m_recent = nullptr;
    AlertsUi* m_alerts = nullptr;
    ChartsDocks* m_charts = nullptr;
    bool m_quitting = false; // closing really quits (not into the tray)
    bool m_holdFilter = false; // several controls change at once: apply the filter after
    bool m_hasSelected = false, m_pendingSelect = false;
    EntryIndex m_selected;
};

} // namespace vigil
