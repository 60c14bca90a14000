#include "mainwindow.h"

#include "sources/lokiopendialog.h"
#include "sources/remotecredentials.h"

#include <QGuiApplication>
#include <QScreen>

#include "alerts/alertbanner.h"
#include "alerts/alerticons.h"
#include "alerts/alertsui.h"
#include "backgroundsettings.h"
#include "charts/chartspanel.h"
#include "chartsdocks.h"
#include "deploymentsession.h"
#include "models/alerts/chartthresholds.h"

#include "detailpane.h"
#include "docktabnames.h"
#include "exportrunner.h"
#include "filterbar.h"
#include "helpmenu.h"
#include "insight/insightdocks.h"
#include "insight/remarkbadgedelegate.h"
#include "logtabledelegate.h"
#include "logtableview.h"
#include "navigator.h"
#include "nomatchesoverlay.h"
#include "openprogress.h"
#include "openwindowchoice.h"
#include "screenfit.h"
#include "sidebarcolumns.h"
#include "statuspanel.h"
#include "welcomeview.h"

#include "models/demo/demowriter.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QCloseEvent>
#include <QComboBox>
#include <QDateTime>
#include <QDir>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QScopedValueRollback>
#include <QSettings>
#include <QShortcut>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTimer>
#include <QTreeView>
#include <QVBoxLayout>

namespace vigil {

namespace {
constexpr int kMaxRecent = 8;
const QString kRecentKey = QStringLiteral("roots/recent");
const QString kLastKey = QStringLiteral("roots/last");
const QString kLayoutKey = QStringLiteral("window/state");
// Bumped when the docks change in a way an old saved layout would misplace.
constexpr int kLayoutVersion = 2;

// The recent deployments, newest first, one entry a deployment (its roots joined by newlines):
// one list for every window of the process, read once and written in the background, so that
// opening waits for no disk and two windows opening one after the other both stay listed.
QStringList& recentRoots() {
    static QStringList roots = QSettings().value(kRecentKey).toStringList();
    return roots;
}

QRegularExpression highlightFor(const FilterSpec& spec) {
    if (spec.text.empty()) return {};
    const QString text = QString::fromStdString(spec.text);
    QRegularExpression re(spec.regex ? text : QRegularExpression::escape(text),
                          spec.caseSensitive ? QRegularExpression::NoPatternOption
                                             : QRegularExpression::CaseInsensitiveOption);
    return re.isValid() ? re : QRegularExpression();
}
} // namespace

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent) {
    setWindowTitle(tr("Vigil"));
    setWindowIcon(vigilIcon());
    setAcceptDrops(true);
    keepDockTabNamesWhole(this);
    m_filterBar = new FilterBar(this);
    m_table = new LogTableView(this);
    m_detail = new DetailPane(this);
    m_sidebar = new QTreeView(this);
    m_sidebar->setObjectName(QStringLiteral("instances"));
    m_sidebar->setUniformRowHeights(true);
    // Long instance names elide: the sidebar never widens the window.
    m_sidebar->setMinimumWidth(120);
    m_sidebar->setTextElideMode(Qt::ElideMiddle);
    m_sidebarColumns = new SidebarColumns(m_sidebar);
    m_sidebar->setAlternatingRowColors(false);
    m_status = new StatusPanel(this);
    statusBar()->addWidget(m_status, 1);
    m_openProgress = new OpenProgress(this);
    statusBar()->addPermanentWidget(m_openProgress);
    m_openWindow = new OpenWindowChoice(this);
    m_credentials = new RemoteCredentials(this);

    auto* centre = new QWidget(this);
    auto* centreLayout = new QVBoxLayout(centre);
    centreLayout->setContentsMargins(0, 0, 0, 0);
    centreLayout->setSpacing(2);
    centreLayout->addWidget(m_filterBar);
    centreLayout->addWidget(m_table, 1);
    m_inner = new QSplitter(Qt::Vertical, this);
    m_inner->addWidget(centre);
    m_inner->addWidget(m_detail);
    m_inner->setStretchFactor(0, 3);
    m_inner->setStretchFactor(1, 2);
    m_outer = new QSplitter(Qt::Horizontal, this);
    m_outer->addWidget(m_sidebar);
    m_outer->addWidget(m_inner);
    m_outer->setStretchFactor(1, 1);
    m_welcome = new WelcomeView(this);
    connect(m_welcome, &WelcomeView::openFolderRequested, this, &MainWindow::chooseFolder);
    connect(m_welcome, &WelcomeView::openFilesRequested, this, &MainWindow::chooseFiles);
    connect(m_welcome, &WelcomeView::demoRequested, this, &MainWindow::openDemo);
    connect(m_welcome, &WelcomeView::openRecentRequested, this, &MainWindow::openRoots);
    m_welcome->addOpenOption(tr("Read:"), m_openWindow->makeCombo(m_welcome));
    auto reopen = [this] {
        if (m_workspace)
            openDeployment(m_workspace->roots(),
                           !m_demoFolder || !m_workspace->roots().contains(m_demoFolder->path()));
    };
    connect(m_openWindow, &OpenWindowChoice::changed, this, reopen);
    connect(m_openProgress, &OpenProgress::textChanged, m_status, &StatusPanel::setState);
    connect(m_openProgress, &OpenProgress::readEverythingRequested, this,
            [this] { m_openWindow->setSeconds(0); });
    m_pages = new QStackedWidget(this);
    m_pages->addWidget(m_welcome);
    m_pages->addWidget(m_outer);
    setCentralWidget(m_pages);
    m_noMatches = new NoMatchesOverlay(m_table->viewport());
    connect(m_noMatches, &NoMatchesOverlay::clearFiltersRequested, this, &MainWindow::clearFilters);

    m_rules.load(defaultRulesPath());
    m_alerts = new AlertsUi(this, m_rules);
    centreLayout->insertWidget(0, m_alerts->banner());
    // The log-volume histogram goes between the filter bar and the table.
    m_charts = new ChartsDocks(this, centreLayout, centreLayout->indexOf(m_table));
    m_insight = new InsightDocks(this);
    auto syncThresholds = [this] {
        m_charts->setThresholds(chartThresholdsFromRules(m_rules.document().rules));
    };
    syncThresholds();
    connect(&m_rules, &RulesSource::rulesChanged, this, syncThresholds);
    connect(m_charts, &ChartsDocks::timeRangeSelected, m_filterBar, &FilterBar::setCustomRange);
    connect(m_charts, &ChartsDocks::timeRangeSelected, m_insight, &InsightDocks::setSelectedRange);
    connect(m_charts, &ChartsDocks::instanceClicked, this,
            [this](const QString& instance) { showInstanceOnly(instance); });
    connect(m_insight, &InsightDocks::instanceChosen, this, &MainWindow::showInstanceOnly);
    connect(m_insight, &InsightDocks::patternChosen, this, &MainWindow::showPattern);
    connect(m_insight, &InsightDocks::outliersChanged, this, [this] {
        if (m_workspace) m_workspace->instances().setRemarks(m_insight->remarks());
        if (ChartsPanel* panel = m_charts->panel()) panel->setEmphasised(m_insight->flaggedLabels());
    });
    m_sidebar->setItemDelegateForColumn(InstanceModel::NameColumn,
                                        new RemarkBadgeDelegate(InstanceModel::RemarkRole, m_sidebar));
    connect(m_alerts, &AlertsUi::showEntriesRequested, this, &MainWindow::showAlertEntries);
    connect(m_alerts, &AlertsUi::quitRequested, this, [this] {
        m_quitting = true;
        close();
        QApplication::quit();
    });

    buildMenus();
    m_navigator = new Navigator(this, centreLayout, centreLayout->indexOf(m_table) + 1);
    connect(m_filterBar, &FilterBar::changed, this, &MainWindow::applyFilter);
    // "Last N minutes" slides with the newest entry while following (not while the user
    // reads older rows: a new result would move them).
    auto* slide = new QTimer(this);
    slide->start(10'000);
    connect(slide, &QTimer::timeout, this, [this] {
        if (m_filterBar->relativeRange() && m_table->following() && !m_table->followPaused()) applyFilter();
    });
    connect(m_detail, &DetailPane::correlationIdClicked, this,
            [this](const QString&, const QString& value) { followCorrelationId(value); });
    connect(m_detail, &DetailPane::showInContext, this, &MainWindow::showInContext);
    connect(m_table, &LogTableView::followStateChanged, this, [this](bool, bool) { updateStatus(); });
    m_table->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_table, &QWidget::customContextMenuRequested, this, &MainWindow::showRowMenu);

    QSettings settings;
    const QRect available = (screen() ? screen() : QGuiApplication::primaryScreen())->availableGeometry();
    if (restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray())) {
        // Saved on a bigger monitor, or at another scale: brought inside this screen.
        setGeometry(fittedGeometry(geometry(), available));
    } else {
        setGeometry(firstRunGeometry(available));
        resetSplitters();
    }
    m_outer->restoreState(settings.value(QStringLiteral("window/outer")).toByteArray());
    m_inner->restoreState(settings.value(QStringLiteral("window/inner")).toByteArray());
    m_savedLayout = settings.value(kLayoutKey).toByteArray();
    showWelcome();
    updateStatus();
}

MainWindow::~MainWindow() {
    // The charts read the workspace's store: they go before it does.
    m_insight->detach();
    m_charts->detach();
    m_navigator->detach();
}

void MainWindow::buildMenus() {
    QMenu* file = menuBar()->addMenu(tr("&File"));
    QAction* open = file->addAction(tr("&Open folder…"), this, &MainWindow::chooseFolder);
    open->setShortcut(QKeySequence::Open);
    file->addAction(tr("Open &files…"), this, &MainWindow::chooseFiles)
        ->setShortcut(QKeySequence(tr("Ctrl+Shift+O")));
    file->addAction(tr("Open &Loki…"), this, &MainWindow::chooseLoki);
    m_recent = file->addMenu(tr("Open &recent"));
    updateRecentMenu();
    file->addMenu(m_openWindow->makeMenu(file));
    m_freshStart = file->addAction(tr("Start &fresh (do not restore filters and selection)"));
    m_freshStart->setObjectName(QStringLiteral("freshStart"));
    m_freshStart->setCheckable(true);
    m_freshStart->setChecked(QSettings().value(QStringLiteral("session/fresh")).toBool());
    connect(m_freshStart, &QAction::toggled, this, [](bool fresh) {
        writeSettingsInBackground({{QStringLiteral("session/fresh"), fresh}});
    });
    file->addAction(tr("Try the live &demo"), this, &MainWindow::openDemo);
    file->addSeparator();
    file->addAction(tr("&Export filtered entries…"), this, &MainWindow::exportFiltered)
        ->setShortcut(QKeySequence(tr("Ctrl+E")));
    file->addSeparator();
    file->addAction(tr("&Quit"), this,
                    [this] {
                        m_quitting = true;
                        close();
                    })
        ->setShortcut(QKeySequence::Quit);

    QMenu* edit = menuBar()->addMenu(tr("&Edit"));
    QAction* copy = edit->addAction(tr("&Copy rows"), this, &MainWindow::copySelectedRows);
    copy->setShortcut(QKeySequence::Copy);
    copy->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_table->addAction(copy);
    QAction* find = edit->addAction(tr("&Find"), m_filterBar, &FilterBar::focusSearch);
    find->setShortcut(QKeySequence::Find);
    QAction* clear = edit->addAction(tr("C&lear filters"), this, &MainWindow::clearFilters);
    clear->setShortcut(QKeySequence(Qt::Key_Escape));

    QMenu* view = menuBar()->addMenu(tr("&View"));
    m_follow = view->addAction(tr("&Follow newest"));
    m_follow->setCheckable(true);
    m_follow->setShortcut(QKeySequence(Qt::Key_F));
    connect(m_follow, &QAction::toggled, m_table, &LogTableView::setFollowing);
    m_utc = view->addAction(tr("Show times in &UTC"));
    m_utc->setCheckable(true);
    m_utc->setChecked(QSettings().value(QStringLiteral("table/utc")).toBool());
    connect(m_utc, &QAction::toggled, this, [this](bool utc) {
        writeSettingsInBackground({{QStringLiteral("table/utc"), utc}});
        if (m_workspace) m_workspace->table().setUtc(utc);
        m_insight->setUtc(utc);
        if (m_hasSelected) m_detail->showEntry(m_selected);
    });
    // Revealing is for this run only: it is never saved.
    m_reveal = view->addAction(tr("&Reveal secrets"));
    m_reveal->setCheckable(true);
    connect(m_reveal, &QAction::toggled, this, [this](bool reveal) {
        if (m_workspace) m_workspace->table().setReveal(reveal);
        if (m_hasSelected) m_detail->showEntry(m_selected);
    });
    view->addSeparator();
    m_charts->addMenuActions(view);
    view->addSeparator();
    m_alerts->addMenuActions(view);
    m_insight->addMenuActions(view);
    view->addSeparator();
    QAction* reset = view->addAction(tr("Reset &layout"), this, &MainWindow::resetLayout);
    reset->setObjectName(QStringLiteral("resetLayout"));

    addHelpMenu(this);
}

void MainWindow::showWelcome() {
    m_pages->setCurrentWidget(m_welcome);
    // Empty chart and alert docks beside the welcome would be the grid of empty panes it
    // replaces; they come back, as they were left, with the first deployment opened.
    for (QDockWidget* dock : findChildren<QDockWidget*>())
        dock->hide();
}

void MainWindow::leaveWelcome() {
    if (m_pages->currentWidget() != m_welcome) return;
    m_pages->setCurrentWidget(m_outer);
    // The docks as the user left them (the endpoint dock exists once the charts are attached).
    if (m_savedLayout.isEmpty() || !restoreState(m_savedLayout, kLayoutVersion)) {
        m_charts->placeDocks(m_alerts->dock());
        m_insight->placeDocks(m_alerts->dock());
    }
}

void MainWindow::resetLayout() {
    m_charts->placeDocks(m_alerts->dock());
    m_insight->placeDocks(m_alerts->dock());
    resetSplitters();
    if (m_table->model()) m_table->resetColumns();
}

void MainWindow::resetSplitters() {
    // The table gets most of the height: the detail pane is for one entry at a time.
    m_outer->setSizes({250, std::max(1, width() - 250)});
    m_inner->setSizes({height() * 7 / 10, height() * 3 / 10});
}

void MainWindow::openDemo() {
    auto folder = std::make_unique<QTemporaryDir>(QDir::temp().filePath(QStringLiteral("vigil-demo-XXXXXX")));
    if (!folder->isValid()) {
        QMessageBox::warning(this, tr("Live demo"),
                             tr("Cannot create a folder for the demo: %1").arg(folder->errorString()));
        return;
    }
    m_demoWriter.reset(); // a previous demo stops writing before its folder goes
    m_demoWriter = std::make_unique<DemoWriter>(folder->path());
    m_demoFolder = std::move(folder);
    m_demoWriter->writeHistory(15 * 60, 20);
    m_demoWriter->start(20, 100);
    openDeployment({m_demoFolder->path()}, false);
    // A live deployment: show its newest entries as they come.
    m_follow->setChecked(true);
}

void MainWindow::openRoots(const QStringList& roots) {
    // A remote root's credentials may have to come from the desktop's keyring first.
    m_credentials->prepare(roots, [this, roots] { openDeployment(roots, true); });
}

void MainWindow::chooseLoki() {
    LokiOpenDialog dialog(this);
    if (dialog.exec() != QDialog::Accepted) return;
    const LokiTarget target = dialog.target();
    m_credentials->remember(target.root(), target.credentials, dialog.keepCredentials());
    openRoots({target.root()});
}

void MainWindow::openDeployment(const QStringList& roots, bool remember) {
    QStringList absolute;
    for (const QString& r : roots)
        absolute << (isProducerRoot(r) ? r : QFileInfo(r).absoluteFilePath());
    saveSession();
    m_detail->setModel(nullptr);
    m_detail->clearEntry();
    m_hasSelected = false;
    // The sidebar keeps its old selection model when given a new model: free it with it.
    QItemSelectionModel* oldSelection = m_sidebar->selectionModel();
    m_sidebar->setModel(nullptr);
    if (oldSelection) oldSelection->deleteLater();
    m_table->setModel(nullptr);
    m_insight->detach();
    m_charts->detach(); // the charts read the store about to go
    m_navigator->detach();
    m_workspace = std::make_unique<Workspace>(m_executor);
    Workspace* ws = m_workspace.get();
    m_alerts->attach(ws);
    m_charts->attach(ws->store(), ws->metrics(), ws->endpoints(), &ws->table(), &ws->alerts());
    m_insight->setUtc(m_utc->isChecked());
    m_insight->attach(*ws, [this] {
        const ChartWindow window = m_charts->panel() ? m_charts->panel()->window() : ChartWindow::Minutes15;
        return chartRange(window, m_workspace->metrics(), QDateTime::currentMSecsSinceEpoch() * 1000);
    });
    leaveWelcome();
    LogTableModel& table = ws->table();
    table.setUtc(m_utc->isChecked());
    table.setReveal(m_reveal->isChecked());
    m_table->setModel(&table);
    m_detail->setModel(&table);
    m_sidebar->setModel(&ws->instances());
    m_navigator->attach(ws);
    m_sidebar->header()->setSectionResizeMode(InstanceModel::NameColumn, QHeaderView::Stretch);
    m_sidebar->header()->setSectionResizeMode(InstanceModel::EntriesColumn, QHeaderView::ResizeToContents);
    m_sidebar->header()->setSectionResizeMode(InstanceModel::ErrorsColumn, QHeaderView::ResizeToContents);
    m_sidebar->header()->setStretchLastSection(false);
    m_sidebarColumns->fit();
    connect(&ws->instances(), &QAbstractItemModel::rowsInserted, m_sidebar,
            [this](const QModelIndex& parent) {
                if (!parent.isValid()) m_sidebar->expandAll();
            });
    connect(&ws->instances(), &InstanceModel::hiddenInstancesChanged, this, &MainWindow::applyFilter);
    connect(ws, &Workspace::countsChanged, this, &MainWindow::updateStatus);
    connect(&table, &LogTableModel::queryFinished, this, [this] {
        restoreSelection();
        updateStatus();
    });
    connect(&table, &QAbstractItemModel::modelReset, this, [this] {
        restoreSelection();
        updateStatus();
    });
    connect(&table, &QAbstractItemModel::rowsInserted, this, [this] {
        // An entry to select (a restored session's) may come with appended rows, not a new query.
        if (m_pendingSelect) restoreSelection();
        updateStatus();
    });
    connect(&table, &LogTableModel::tallyChanged, this, &MainWindow::updateStatus);
    // A folder being written opens following, as the demo does.
    connect(&ws->ingest(), &LiveIngest::recentlyWrittenFound, m_follow,
            [this] { m_follow->setChecked(true); });
    connect(&ws->ingest(), &LiveIngest::problemsChanged, this,
            [this] { m_status->setProblems(m_workspace->ingest().problems()); });
    const bool restored = remember && !m_freshStart->isChecked() &&
                          DeploymentSession::restore(absolute, *m_filterBar, m_charts->panel());
    connect(&ws->ingest(), &LiveIngest::initialScanFinished, this,
            [this, restored, absolute](double seconds, quint64 bytes) {
                m_openSummary = OpenProgress::finishedText(m_workspace->ingest(), seconds, bytes);
                m_status->setState(m_openSummary);
                updateStatus();
                // The saved selection wins over the row a focused table makes current by itself.
                if (restored)
                    if (const auto entry = DeploymentSession::selectedEntry(absolute, m_workspace->store()))
                        selectEntry(*entry);
            });
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &MainWindow::onCurrentRowChanged);
    m_status->setProblems({});
    m_openSummary.clear();
    m_status->setState(tr("Scanning…"));
    applyFilter();
    LiveIngestOptions options = ws->ingest().options();
    options.windowSeconds = m_openWindow->seconds();
    options.producers = m_credentials->factory();
    connect(&ws->ingest(), &LiveIngest::sourceStatus, this,
            [this](const QString& text) { statusBar()->showMessage(text, 5000); });
    ws->ingest().setOptions(options);
    m_openProgress->watch(&ws->ingest());
    ws->open(absolute);

    setWindowTitle(tr("Vigil — %1").arg(absolute.join(QStringLiteral(", "))));
    if (!remember) return; // the demo's temporary folder is not a deployment to reopen
    QStringList& recent = recentRoots();
    const QString entry = absolute.join(QLatin1Char('\n'));
    recent.removeAll(entry);
    recent.prepend(entry);
    recent = recent.mid(0, kMaxRecent);
    writeSettingsInBackground({{kLastKey, absolute}, {kRecentKey, recent}});
    updateRecentMenu();
}

void MainWindow::showPattern(const QString& regex) {
    FilterState state = m_filterBar->state();
    state.search = regex;
    state.regex = true;
    state.caseSensitive = true;
    m_filterBar->setState(state);
}

void MainWindow::applyFilter() {
    if (!m_workspace || m_holdFilter) return;
    FilterSpec spec = m_filterBar->spec(m_workspace->newestTimeUs());
    spec.hiddenInstances = m_workspace->instances().hiddenInstances();
    const QString error = m_workspace->table().setFilter(spec);
    if (!error.isEmpty()) {
        m_status->setState(error);
        return;
    }
    const QRegularExpression highlight = highlightFor(spec);
    m_table->delegate()->setHighlight(highlight);
    m_detail->setHighlight(highlight);
    m_table->viewport()->update();
}

void MainWindow::clearFilters() {
    {
        // The sidebar hears of the change (its boxes redraw at once); the filter runs once.
        const QScopedValueRollback<bool> hold(m_holdFilter, true);
        if (m_workspace) m_workspace->instances().showAll();
        m_filterBar->clear();
    }
    applyFilter();
}

void MainWindow::followCorrelationId(const QString& value) {
    m_navigator->traceId(value);
}

void MainWindow::showInContext(EntryIndex entry) {
    if (!m_workspace || !m_workspace->store().contains(entry)) return;
    // The file itself, not its path below the root: another root may have the same one.
    const QString file = m_workspace->store().sources()[m_workspace->store().file(entry)].absolutePath;
    m_selected = entry;
    m_hasSelected = true;
    m_pendingSelect = true;
    {
        const QScopedValueRollback<bool> hold(m_holdFilter, true);
        m_workspace->instances().showAll();
        m_filterBar->clear();
        m_filterBar->setFieldText(QStringLiteral("file=\"%1\"").arg(file));
    }
    applyFilter();
}

void MainWindow::selectEntry(EntryIndex entry) {
    m_selected = entry;
    m_hasSelected = true;
    m_pendingSelect = true;
    restoreSelection();
}

void MainWindow::restoreSelection() {
    if (!m_workspace || !m_hasSelected) return;
    const int row = m_workspace->table().rowOf(m_selected);
    if (row < 0) return;
    // The time column: scrolling to it never pushes the table sideways.
    const QModelIndex index = m_workspace->table().index(row, LogTableModel::TimeColumn);
    m_table->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect |
                                                          QItemSelectionModel::Rows);
    if (m_pendingSelect || !m_table->following())
        m_table->scrollTo(index, QAbstractItemView::PositionAtCenter);
    m_pendingSelect = false;
}

void MainWindow::onCurrentRowChanged() {
    const QModelIndex current = m_table->selectionModel()->currentIndex();
    if (!current.isValid() || !m_workspace) return;
    const EntryIndex entry = m_workspace->table().entryAt(current.row());
    if (m_hasSelected && entry == m_selected && m_detail->hasEntry() && m_detail->entry() == entry) return;
    m_selected = entry;
    m_hasSelected = true;
    m_detail->showEntry(entry);
}

void MainWindow::updateStatus() {
    if (!m_workspace) {
        m_status->setCounts(0, 0, 0, 0);
        m_status->setState(tr("Nothing open"));
        return;
    }
    const EntryStore& store = m_workspace->store();
    m_status->setCounts(store.counters().entries, quint64(m_workspace->table().rowCount()),
                        m_workspace->ingestRate(), int(store.sources().size()), entriesNotHeld(store));
    m_filterBar->updateCounts(store.counters(), m_workspace->table().levelCounts());
    m_noMatches->update(store.size(), quint64(m_workspace->table().rowCount()),
                        m_workspace->table().settled());
    // Following keeps what opening read in view: "Read 5.4 MB in 0.1 s" says what the table holds.
    if (m_table->following())
        m_status->setState((m_table->followPaused() ? tr("Follow paused (scroll to the bottom to resume)")
                                                    : tr("Following")) +
                           (m_openSummary.isEmpty() ? QString() : QStringLiteral(" · ") + m_openSummary));
}

void MainWindow::updateRecentMenu() {
    m_recent->clear();
    QList<QStringList> deployments;
    for (const QString& entry : std::as_const(recentRoots())) {
        const QStringList roots = entry.split(QLatin1Char('\n'));
        deployments << roots;
        m_recent->addAction(roots.join(QStringLiteral(", ")), this, [this, roots] { openRoots(roots); });
    }
    m_recent->setEnabled(!recentRoots().isEmpty());
    if (m_welcome) m_welcome->setRecent(deployments);
}

void MainWindow::chooseFolder() {
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Open log folder"));
    if (!dir.isEmpty()) openRoots({dir});
}

void MainWindow::chooseFiles() {
    const QStringList files = QFileDialog::getOpenFileNames(
        this, tr("Open log files"), QString(), tr("Log files (*.log *.log.* *.jsonl *.gz);;All files (*)"));
    if (!files.isEmpty()) openRoots(files);
}

void MainWindow::exportFiltered() {
    if (!m_workspace) return;
    const QString name = QFileDialog::getSaveFileName(
        this, tr("Export filtered entries"), QDir::home().filePath(QStringLiteral("vigil-export.jsonl")),
        tr("JSON Lines (*.jsonl);;CSV (*.csv);;Text (*.txt)"));
    if (!name.isEmpty()) exportTo(name);
}

ExportRunner* MainWindow::exportTo(const QString& fileName) {
    if (!m_workspace) return nullptr;
    ExportRunner* runner = ExportRunner::start(this, *m_workspace, fileName);
    connect(runner, &ExportRunner::finished, this, [this, fileName](const QString& error, int entries) {
        if (!error.isEmpty())
            QMessageBox::warning(this, tr("Export failed"), tr("%1: %2").arg(fileName, error));
        else
            m_status->setState(tr("Exported %n entries", "", entries));
    });
    return runner;
}

void MainWindow::showRowMenu(const QPoint& pos) {
    const QModelIndex index = m_table->indexAt(pos);
    if (!m_workspace || !index.isValid()) return;
    LogTableModel& table = m_workspace->table();
    const EntryIndex entry = table.entryAt(index.row());
    const InstanceId instance = m_workspace->store().instance(entry);
    const QString id = table.data(table.index(index.row(), LogTableModel::RequestIdColumn)).toString();
    QMenu menu(this);
    menu.addAction(tr("Copy"), this, &MainWindow::copySelectedRows);
    menu.addAction(tr("Show only instance %1")
                       .arg(table.data(table.index(index.row(), LogTableModel::InstanceColumn)).toString()),
                   this, [this, instance] { m_workspace->instances().showOnly(instance); });
    if (!id.isEmpty() && !id.endsWith(QStringLiteral("…")))
        menu.addAction(tr("Follow %1 across instances").arg(id), this,
                       [this, id] { followCorrelationId(id); });
    menu.addAction(tr("Show in context"), this, [this, entry] { showInContext(entry); });
    menu.addAction(m_navigator->action(Navigator::ToggleBookmark));
    menu.exec(m_table->viewport()->mapToGlobal(pos));
}

void MainWindow::copySelectedRows() {
    if (!m_workspace) return;
    QModelIndexList rows = m_table->selectionModel()->selectedRows();
    std::sort(rows.begin(), rows.end(),
              [](const QModelIndex& a, const QModelIndex& b) { return a.row() < b.row(); });
    QStringList texts;
    for (const QModelIndex& r : rows)
        texts << m_workspace->table().entryText(m_workspace->table().entryAt(r.row()));
    if (!texts.isEmpty()) QApplication::clipboard()->setText(texts.join(QLatin1Char('\n')));
}

void MainWindow::saveSession() {
    if (!m_workspace || (m_demoFolder && m_workspace->roots().contains(m_demoFolder->path()))) return;
    DeploymentSession::save(m_workspace->roots(), *m_filterBar, m_charts->panel(), &m_workspace->store(),
                            m_hasSelected ? std::optional<EntryIndex>(m_selected) : std::nullopt);
}

void MainWindow::closeEvent(QCloseEvent* event) {
    saveSession();
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    // On the welcome page the docks are hidden for the moment only: keep the layout they had.
    if (m_pages->currentWidget() != m_welcome) m_savedLayout = saveState(kLayoutVersion);
    settings.setValue(kLayoutKey, m_savedLayout);
    settings.setValue(QStringLiteral("window/outer"), m_outer->saveState());
    settings.setValue(QStringLiteral("window/inner"), m_inner->saveState());
    if (m_table->model()) m_table->saveColumns();
    if (!m_quitting && m_alerts->keepsRunningInTray()) {
        // Vigil keeps watching from the tray; its menu has Quit.
        hide();
        event->ignore();
        return;
    }
    QMainWindow::closeEvent(event);
}

void MainWindow::showInstanceOnly(const QString& instance) {
    if (!m_workspace) return;
    if (instance.isEmpty()) {
        m_workspace->instances().showAll();
        return;
    }
    const std::uint32_t id = m_workspace->store().instances().find(instance.toStdString());
    if (id != StringInterner::kNotFound) m_workspace->instances().showOnly(InstanceId(id));
}

void MainWindow::showAlertEntries(const QString& instance, qint64 fromUs, qint64 toUs) {
    if (!m_workspace) return;
    showInstanceOnly(instance);
    m_filterBar->setCustomRange(fromUs, toUs);
    // The charts show the alert's time too: the narrowest window that holds it.
    if (ChartsPanel* panel = m_charts->panel()) panel->setWindow(windowHolding(toUs - fromUs));
}

namespace {
// Dropped folders and files, as roots: a folder is a deployment, a file is read on its own.
QStringList droppedRoots(const QMimeData* data) {
    QStringList roots;
    for (const QUrl& url : data->urls())
        if (url.isLocalFile() && QFileInfo::exists(url.toLocalFile())) roots << url.toLocalFile();
    return roots;
}
} // namespace

void MainWindow::dragEnterEvent(QDragEnterEvent* event) {
    if (!droppedRoots(event->mimeData()).isEmpty()) event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* event) {
    const QStringList roots = droppedRoots(event->mimeData());
    if (!roots.isEmpty()) {
        openRoots(roots);
        event->acceptProposedAction();
    }
}

} // namespace vigil
