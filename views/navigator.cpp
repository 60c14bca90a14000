#include "navigator.h"

#include "alerts/alertbanner.h"
#include "alerts/alertsui.h"
#include "backgroundsettings.h"
#include "bookmarksdock.h"
#include "filterbar.h"
#include "findbar.h"
#include "logtabledelegate.h"
#include "logtableview.h"
#include "mainwindow.h"
#include "savedviewsmenu.h"
#include "statuspanel.h"

#include "models/bookmarkmodel.h"
#include "models/query/matchfinder.h"
#include "models/query/rowseek.h"

#include <QAction>
#include <QBoxLayout>
#include <QDateTime>
#include <QDockWidget>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QMenu>
#include <QMenuBar>
#include <QSettings>

namespace vigil {

namespace {
const QString kBookmarksKey = QStringLiteral("bookmarks/entries");
}

Navigator::Navigator(MainWindow* window, QBoxLayout* layout, int position)
    : QObject(window), m_window(window) {
    m_findBar = new FindBar(window);
    layout->insertWidget(position, m_findBar);
    m_dock = new BookmarksDock(window);
    window->addDockWidget(Qt::BottomDockWidgetArea, m_dock);
    for (QDockWidget* other : window->findChildren<QDockWidget*>())
        if (other != m_dock && window->dockWidgetArea(other) == Qt::BottomDockWidgetArea) {
            window->tabifyDockWidget(other, m_dock);
            break;
        }
    m_dock->hide();
    buildMenus();

    connect(window->filterBar(), &FilterBar::changed, this, &Navigator::record);
    connect(m_dock, &BookmarksDock::entryActivated, this, &Navigator::showBookmark);
    connect(m_findBar, &FindBar::textChanged, this, [this](const QString& text) {
        if (!m_finder) return;
        const QString error = m_finder->setPattern(text, false, false);
        if (!error.isEmpty()) m_findBar->setStatus(error, true);
        updateFindStatus();
        highlightFound(text);
    });
    connect(m_findBar, &FindBar::next, this, [this] { seekMatch(+1); });
    connect(m_findBar, &FindBar::previous, this, [this] { seekMatch(-1); });
    connect(m_findBar, &FindBar::closed, this, [this] {
        highlightFound({});
        m_window->table()->setFocus();
    });
    window->table()->delegate()->setMarked(
        [this](quint64 entry) { return m_bookmarks && m_bookmarks->contains(EntryIndex(entry)); });
}

Navigator::~Navigator() = default;

void Navigator::buildMenus() {
    // Before the Help menu, which stays last.
    QMenuBar* bar = m_window->menuBar();
    QAction* help = nullptr;
    for (QAction* a : bar->actions())
        if (a->menu() && a->menu()->findChild<QAction*>(QStringLiteral("showShortcuts"))) help = a;
    QMenu* go = new QMenu(tr("&Go"), bar);
    bar->insertMenu(help, go);
    auto add = [this](QMenu* menu, Move move, const QString& text, const QKeySequence& keys, auto slot) {
        QAction* action = menu->addAction(text, this, slot);
        action->setShortcut(keys);
        m_actions[move] = action;
    };
    add(go, NextError, tr("Next &error"), QKeySequence(Qt::Key_E), [this] { seekLevel(+1, true); });
    add(go, PreviousError, tr("Previous e&rror"), QKeySequence(Qt::SHIFT | Qt::Key_E),
        [this] { seekLevel(-1, true); });
    add(go, NextWarning, tr("Next &warning"), QKeySequence(Qt::Key_W), [this] { seekLevel(+1, false); });
    add(go, PreviousWarning, tr("Previous w&arning"), QKeySequence(Qt::SHIFT | Qt::Key_W),
        [this] { seekLevel(-1, false); });
    go->addSeparator();
    add(go, Find, tr("&Find in shown entries…"), QKeySequence(Qt::Key_Slash), [this] {
        m_findBar->open();
        highlightFound(m_findBar->text());
    });
    add(go, NextMatch, tr("&Next match"), QKeySequence(Qt::Key_F3), [this] { seekMatch(+1); });
    add(go, PreviousMatch, tr("&Previous match"), QKeySequence(Qt::SHIFT | Qt::Key_F3),
        [this] { seekMatch(-1); });
    go->addSeparator();
    add(go, ToggleBookmark, tr("&Bookmark entry"), QKeySequence(Qt::CTRL | Qt::Key_B),
        [this] { toggleBookmark(); });
    add(go, NextBookmark, tr("Next boo&kmark"), QKeySequence(Qt::Key_F2), [this] { seekBookmark(+1); });
    add(go, PreviousBookmark, tr("Previous bookmar&k"), QKeySequence(Qt::SHIFT | Qt::Key_F2),
        [this] { seekBookmark(-1); });
    QAction* list = m_dock->toggleViewAction();
    list->setText(tr("Bookmarks &list"));
    list->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_B));
    go->addAction(list);
    m_actions[ShowBookmarks] = list;
    connect(list, &QAction::triggered, m_dock, [this](bool shown) {
        if (!shown) return;
        // A tab beside the alert list, wherever the layout put that (below, or beside the
        // charts on a small screen), rather than a strip of its own across the window.
        QDockWidget* alerts = m_window->alerts()->dock();
        if (!m_dock->isFloating() && alerts->isVisible() &&
            !m_window->tabifiedDockWidgets(alerts).contains(m_dock))
            m_window->tabifyDockWidget(alerts, m_dock);
        m_dock->show();
        m_dock->raise();
    });

    QMenu* filters = new QMenu(tr("F&ilters"), bar);
    bar->insertMenu(help, filters);
    add(filters, Back, tr("&Back"), QKeySequence(Qt::ALT | Qt::Key_Left), [this] { step(true); });
    add(filters, Forward, tr("&Forward"), QKeySequence(Qt::ALT | Qt::Key_Right), [this] { step(false); });
    m_actions[Back]->setEnabled(false);
    m_actions[Forward]->setEnabled(false);
    filters->addSeparator();
    m_saved = new SavedViewsMenu(
        filters, [this] { return currentState(); }, [this](const FilterState& s) { applyState(s); }, this);
}

void Navigator::attach(Workspace* workspace) {
    detach();
    m_workspace = workspace;
    LogTableModel& table = workspace->table();
    m_bookmarks = &workspace->bookmarks();
    waitForBackgroundSettings(); // the bookmarks the last deployment saved
    m_bookmarks->setSaved(QSettings().value(kBookmarksKey).toList());
    connect(m_bookmarks, &BookmarkModel::bookmarksChanged, this, [this] {
        // A bookmark is set in a keystroke: the disk's fdatasync is not waited for.
        writeSettingsInBackground({{kBookmarksKey, m_bookmarks->saved()}});
        m_window->table()->viewport()->update();
    });
    m_dock->setModel(m_bookmarks);
    m_finder = &workspace->matchFinder();
    connect(m_finder, &MatchFinder::finished, this, [this] {
        updateFindStatus();
        // Rows that arrived meanwhile are found next time; this move uses what was found.
        if (const int pending = std::exchange(m_pendingMatchStep, 0)) jumpToMatch(pending);
    });
    if (!m_findBar->text().isEmpty()) m_finder->setPattern(m_findBar->text(), false, false);
    connect(&workspace->instances(), &InstanceModel::hiddenInstancesChanged, this, &Navigator::record);
    // Filters put in force without the bar's signal (show in context) are steps too.
    connect(&table, &LogTableModel::queryFinished, this, &Navigator::record);
    // A new filter changes the shown rows: the find bar's count follows.
    connect(&table, &QAbstractItemModel::modelReset, m_finder, [this] {
        if (m_findBar->isVisible() && !m_finder->text().isEmpty() && !m_finder->running())
            m_finder->refresh();
    });
    m_history.clear();
    record();
}

void Navigator::detach() {
    m_dock->setModel(nullptr);
    m_bookmarks = nullptr;
    m_finder = nullptr;
    m_pendingMatchStep = 0;
    m_workspace = nullptr;
}

FilterState Navigator::currentState() const {
    FilterState state = m_window->filterBar()->state();
    if (m_workspace) {
        const std::vector<bool> hidden = m_workspace->instances().hiddenInstances();
        // By label (ROOT/name when two roots share a name), which find() maps back.
        const InstanceTable& names = m_workspace->store().instances();
        for (std::uint32_t id = 0; id < hidden.size(); ++id)
            if (hidden[id]) state.hiddenInstances << names.label(id);
        state.hiddenInstances.sort();
    }
    return state;
}

void Navigator::applyState(const FilterState& state) {
    const bool wasApplying = std::exchange(m_applying, true);
    if (!m_workspace) {
        m_window->filterBar()->setState(state);
    } else {
        {
            // One query: the sidebar's change below applies the bar's settings too.
            const QSignalBlocker blocker(m_window->filterBar());
            m_window->filterBar()->setState(state);
        }
        std::vector<bool> hidden;
        for (const QString& name : state.hiddenInstances) {
            const std::uint32_t id = m_workspace->store().instances().find(name.toStdString());
            if (id == InstanceTable::kNotFound) continue;
            if (hidden.size() <= id) hidden.resize(id + 1, false);
            hidden[id] = true;
        }
        m_workspace->instances().setHiddenInstances(hidden);
    }
    m_applying = wasApplying;
    record();
}

void Navigator::record() {
    // Halfway through a change of several controls (Esc, Show in context): not a step.
    if (m_window->filterHeld()) return;
    // Back and forward move through the history: what they put in force is no new step.
    if (!m_moving) m_history.record(currentState(), QDateTime::currentMSecsSinceEpoch(), !m_applying);
    m_actions[Back]->setEnabled(m_history.canGoBack());
    m_actions[Forward]->setEnabled(m_history.canGoForward());
    showGapWhileTracing();
}

void Navigator::step(bool back) {
    if (back ? !m_history.canGoBack() : !m_history.canGoForward()) return;
    const FilterState state = back ? m_history.back() : m_history.forward();
    m_moving = true;
    applyState(state);
    m_moving = false;
    record();
}

void Navigator::traceId(const QString& value) {
    if (!m_workspace || value.isEmpty()) return;
    QString quoted = value;
    if (quoted.contains(QLatin1Char(' '))) quoted = QLatin1Char('"') + quoted + QLatin1Char('"');
    applyState(FilterState::onlyFields(QStringLiteral("id=") + quoted));
    m_window->statusPanel()->setState(
        tr("Every entry of %1 (Alt+Left: back to the previous filter)").arg(value));
}

void Navigator::showGapWhileTracing() {
    QHeaderView* header = m_window->table()->horizontalHeader();
    if (header->count() <= LogTableModel::GapColumn) return;
    const bool tracing = !currentState().tracedId().isEmpty();
    if (tracing && header->isSectionHidden(LogTableModel::GapColumn)) {
        header->setSectionHidden(LogTableModel::GapColumn, false);
        m_gapShownByTrace = true;
    } else if (!tracing && m_gapShownByTrace) {
        header->setSectionHidden(LogTableModel::GapColumn, true);
        m_gapShownByTrace = false;
    }
}

int Navigator::currentRow() const {
    const QModelIndex current = m_window->table()->currentIndex();
    return current.isValid() ? current.row() : -1;
}

void Navigator::select(int row, const QString& none) {
    if (row < 0) {
        m_window->statusPanel()->setState(none);
        return;
    }
    m_window->selectEntry(m_workspace->table().entryAt(row));
}

void Navigator::seekLevel(int step, bool errors) {
    if (!m_workspace) return;
    const LogTableModel& table = m_workspace->table();
    const EntryStore& store = table.store();
    int from = currentRow();
    if (from < 0 && step < 0) from = table.rowCount();
    const int row = seekRow(table.rows(), from, step, [&store, errors](EntryIndex e) {
        const Level level = store.level(e);
        return errors ? isErrorOrAbove(level) : level == Level::Warning;
    });
    select(row, errors ? (step > 0 ? tr("No error below") : tr("No error above"))
                       : (step > 0 ? tr("No warning below") : tr("No warning above")));
}

void Navigator::seekMatch(int step) {
    if (!m_workspace || !m_finder) return;
    if (m_findBar->text().isEmpty()) {
        m_findBar->open();
        return;
    }
    if (m_finder->text() != m_findBar->text()) m_finder->setPattern(m_findBar->text(), false, false);
    if (!m_finder->ready()) {
        // The rows changed since the last result (or it is still coming): find again first.
        m_pendingMatchStep = step;
        if (!m_finder->running()) m_finder->refresh();
        updateFindStatus();
        return;
    }
    jumpToMatch(step);
}

void Navigator::jumpToMatch(int step) {
    int from = currentRow();
    if (from < 0 && step < 0) from = m_workspace->table().rowCount();
    select(seekMarked(m_workspace->table(), m_finder->matches(), from, step),
           step > 0 ? tr("No match below") : tr("No match above"));
    updateFindStatus();
}

void Navigator::highlightFound(const QString& text) {
    m_window->table()->delegate()->setFindHighlight(
        text.isEmpty() ? QRegularExpression()
                       : QRegularExpression(QRegularExpression::escape(text),
                                            QRegularExpression::CaseInsensitiveOption));
    m_window->table()->viewport()->update();
}

void Navigator::updateFindStatus() {
    if (!m_finder || m_findBar->text().isEmpty()) {
        m_findBar->setStatus({});
        return;
    }
    if (m_finder->running()) {
        m_findBar->setStatus(tr("finding…"));
        return;
    }
    const std::vector<EntryIndex>& matches = m_finder->matches();
    if (matches.empty()) {
        m_findBar->setStatus(tr("no match"), true);
        return;
    }
    const int row = currentRow();
    const auto at = row < 0 ? matches.end()
                            : std::find(matches.begin(), matches.end(), m_workspace->table().entryAt(row));
    m_findBar->setStatus(at == matches.end()
                             ? tr("%L1 matches").arg(matches.size())
                             : tr("%L1 of %L2").arg(at - matches.begin() + 1).arg(matches.size()));
}

void Navigator::toggleBookmark() {
    if (!m_workspace || !m_bookmarks) return;
    QModelIndexList rows = m_window->table()->selectionModel()->selectedRows();
    if (rows.isEmpty() && currentRow() >= 0) rows << m_window->table()->currentIndex();
    int added = 0, removed = 0;
    for (const QModelIndex& index : rows)
        (m_bookmarks->toggle(m_workspace->table().entryAt(index.row())) ? added : removed)++;
    if (added + removed == 0) return;
    m_window->statusPanel()->setState(added ? tr("Bookmarked (F2: next bookmark, Ctrl+Shift+B: the list)")
                                            : tr("Bookmark removed"));
}

void Navigator::seekBookmark(int step) {
    if (!m_workspace || !m_bookmarks) return;
    int from = currentRow();
    if (from < 0 && step < 0) from = m_workspace->table().rowCount();
    select(seekMarked(m_workspace->table(), m_bookmarks->entries(), from, step),
           m_bookmarks->entries().empty() ? tr("No bookmarks (Ctrl+B bookmarks the selected entry)")
           : step > 0                     ? tr("No bookmark below among the shown entries")
                                          : tr("No bookmark above among the shown entries"));
}

void Navigator::showBookmark(EntryIndex entry) {
    if (!m_workspace) return;
    // A bookmark the filter hides: show everything, one Back away from the filter before.
    if (m_workspace->table().rowOf(entry) < 0) applyState(FilterState());
    m_window->selectEntry(entry);
}

} // namespace vigil
