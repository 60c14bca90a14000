#pragma once
// The moves a log reader makes without retyping filters, as lnav and klogg users expect:
// next and previous error or warning, find in the shown entries (F3), bookmarks (toggle,
// list, next and previous, kept across restarts), back and forward through the filters
// applied (Alt+Left, Alt+Right), saved views, and following one request id across every
// instance as a timeline. Owns the Go and Filters menus, the find bar and the Bookmarks
// dock; the logic is in models/ (FilterHistory, SavedViews, BookmarkModel, MatchFinder,
// rowseek).

#include "models/query/filterhistory.h"
#include "models/store/ids.h"

#include <QObject>

#include <memory>

class QAction;
class QBoxLayout;
class QMenu;

namespace vigil {

class BookmarkModel;
class BookmarksDock;
class FindBar;
class MainWindow;
class MatchFinder;
class SavedViewsMenu;
class Workspace;

class Navigator : public QObject {
    Q_OBJECT
  public:
    // Adds its menus to the window's menu bar, its dock to the window and the find bar
    // to `layout` at `position` (below the table).
    Navigator(MainWindow* window, QBoxLayout* layout, int position);
    ~Navigator() override;

    void attach(Workspace* workspace);
    // Lets go of the workspace's models (it is about to be replaced or destroyed).
    void detach();

    // Every entry carrying this correlation id, in every instance and at every level, over
    // all time, in time order with the gap between them; the filter before is one Back away.
    void traceId(const QString& value);
    // The filter in force (the filter bar and the sidebar's instances).
    FilterState currentState() const;
    // Puts a filter in force as one step of the history.
    void applyState(const FilterState& state);

    enum Move {
        NextError,
        PreviousError,
        NextWarning,
        PreviousWarning,
        NextMatch,
        PreviousMatch,
        NextBookmark,
        PreviousBookmark,
        Back,
        Forward,
        ToggleBookmark,
        ShowBookmarks,
        Find
    };
    QAction* action(Move move) const { return m_actions[move]; }
    BookmarkModel* bookmarks() const { return m_bookmarks; }
    BookmarksDock* bookmarksDock() const { return m_dock; }
    FindBar* findBar() const { return m_findBar; }
    MatchFinder* matchFinder() const { return m_finder; }
    SavedViewsMenu* savedViews() const { return m_saved; }
    const FilterHistory& history() const { return m_history; }

  private:
    void buildMenus();
    void record();
    void step(bool back);
    void seekLevel(int step, bool errors);
    void seekMatch(int step);
    void jumpToMatch(int step);
    void seekBookmark(int step);
    void toggleBookmark();
    void showBookmark(EntryIndex entry);
    void select(int row, const QString& none);
    int currentRow() const;
    void showGapWhileTracing();
    void updateFindStatus();
    void highlightFound(const QString& text);

    MainWindow* m_window;
    Workspace* m_workspace = nullptr;
    FindBar* m_findBar;
    BookmarksDock* m_dock;
    SavedViewsMenu* m_saved = nullptr;
    QAction* m_actions[Find + 1] = {};
    BookmarkModel* m_bookmarks = nullptr; // the attached workspace's
    MatchFinder* m_finder = nullptr;      // the attached workspace's
    FilterHistory m_history;
    bool m_applying = false;        // a filter is being put in force from here
    bool m_moving = false;          // ... by Back or Forward
    bool m_gapShownByTrace = false; // the gap column was shown for a trace
    int m_pendingMatchStep = 0;     // a match move waiting for the finder's result
};

} // namespace vigil
