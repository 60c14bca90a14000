#include "insightdocks.h"

#include "diffview.h"
#include "patternsview.h"

#include "models/ingest/liveingest.h"
#include "models/insight/patternlistmodel.h"
#include "models/secrets/safetext.h"
#include "models/workspace.h"

#include <QDockWidget>
#include <QListWidget>
#include <QMainWindow>
#include <QMenu>
#include <QTabBar>

#include <algorithm>

namespace vigil {

InsightDocks::InsightDocks(QMainWindow* window) : QObject(window), m_window(window) {
    m_patternsDock = new QDockWidget(tr("Patterns"), window);
    m_patternsDock->setObjectName(QStringLiteral("patternsDock"));
    m_patterns = new PatternsView(m_patternsDock);
    m_patternsDock->setWidget(m_patterns);
    m_standsOutDock = new QDockWidget(tr("What stands out"), window);
    m_standsOutDock->setObjectName(QStringLiteral("standsOutDock"));
    m_standsOut = new QListWidget(m_standsOutDock);
    m_standsOut->setObjectName(QStringLiteral("standsOutList"));
    m_standsOut->setWordWrap(true);
    m_standsOut->setMinimumSize(120, 40);
    m_standsOutDock->setWidget(m_standsOut);
    m_diffDock = new QDockWidget(tr("What changed"), window);
    m_diffDock->setObjectName(QStringLiteral("diffDock"));
    m_diff = new DiffView(m_diffDock);
    m_diffDock->setWidget(m_diff);
    connect(m_diff, &DiffView::patternChosen, this, &InsightDocks::patternChosen);
    for (QDockWidget* dock : {m_patternsDock, m_standsOutDock, m_diffDock}) {
        dock->setAllowedAreas(Qt::AllDockWidgetAreas);
        window->addDockWidget(Qt::BottomDockWidgetArea, dock);
    }
    connect(m_patterns, &PatternsView::patternChosen, this, &InsightDocks::patternChosen);
    connect(m_standsOut, &QListWidget::itemClicked, this, [this](QListWidgetItem* item) {
        const QString instance = item->data(Qt::UserRole).toString();
        if (!instance.isEmpty()) Q_EMIT instanceChosen(instance);
    });
    m_recheck.setInterval(kRecheckMs);
    m_recheck.setSingleShot(true);
    m_recheck.setObjectName(QStringLiteral("insightRecheck")); // named for traces of the GUI thread's events
    connect(&m_recheck, &QTimer::timeout, this, &InsightDocks::recheck);
}

InsightDocks::~InsightDocks() {
    detach();
}

void InsightDocks::attach(Workspace& workspace, std::function<TimeRange()> range) {
    detach();
    const EntryStore& store = workspace.store();
    const MetricsModel& metrics = workspace.metrics();
    m_store = &store;
    m_metrics = &metrics;
    m_range = std::move(range);
    m_runner = &workspace.patterns();
    m_model = &workspace.patternList();
    m_model->setUtc(m_utc);
    m_patterns->setModel(m_model);
    m_connections << connect(m_runner, &PatternRunner::rowsChanged, this, [this] {
        const int total = int(m_runner->totalPatterns());
        m_patterns->setStatus(
            total > m_model->rowCount()
                ? tr("%1 patterns (the %2 most frequent or newest shown)").arg(total).arg(m_model->rowCount())
                : tr("%n pattern(s)", nullptr, total));
    });
    m_connections << connect(&workspace.ingest(), &LiveIngest::entriesAppended, this,
                             [this](quint64, quint64) {
                                 if (!m_recheck.isActive()) m_recheck.start();
                             });
    m_connections << connect(&metrics, &MetricsModel::updated, this, [this] {
        if (!m_recheck.isActive()) m_recheck.start();
    });
    m_recheck.start();
    if (m_diff) m_diff->attach(&store, &metrics, &workspace.executor());
}

void InsightDocks::setUtc(bool utc) {
    m_utc = utc;
    if (m_model) m_model->setUtc(utc);
}

DiffView* InsightDocks::diffView() const {
    return m_diff;
}

void InsightDocks::setSelectedRange(qint64 fromUs, qint64 toUs) {
    if (m_diff) m_diff->setSelectedRange(fromUs, toUs);
}

void InsightDocks::detach() {
    m_recheck.stop();
    if (m_patterns) m_patterns->setModel(nullptr);
    for (const QMetaObject::Connection& c : m_connections)
        disconnect(c);
    m_connections.clear();
    m_runner = nullptr; // the workspace's: it waits for a run in progress when it goes
    m_model = nullptr;
    m_siblings.clear();
    m_siblingsEnd = 0;
    m_seenRevision = 0;
    m_outliers.clear();
    m_lastFindings.invalidate();
    if (m_standsOut) m_standsOut->clear();
    if (m_diff) m_diff->attach(nullptr, nullptr, nullptr);
    m_store = nullptr;
    m_metrics = nullptr;
}

void InsightDocks::recheck() {
    if (!m_store || !m_metrics || !m_standsOut) return;
    m_recheck.setInterval(kRecheckMs); // a slice below may have started it at 0
    // Only the entries appended since the last check, and at most kSiblingSlice of them
    // (about a millisecond): after opening millions of entries the rest follows next time,
    // in the next turn of the event loop.
    constexpr std::uint64_t kSiblingSlice = 250'000;
    const std::uint64_t from = std::max(m_siblingsEnd, m_store->beginIndex().value);
    const std::uint64_t end = std::min(m_store->endIndex().value, from + kSiblingSlice);
    m_siblings.add(*m_store, EntryIndex(from), EntryIndex(end));
    m_siblingsEnd = end;
    const bool behind = end < m_store->endIndex().value;
    if (behind) m_recheck.start(0);
    // The findings at most once a second while slices follow one another: opening 5 GB, each
    // slice also compared the instances and rebuilt the list, 17-20 ms of the window's thread
    // a turn, one turn after another.
    if (behind && m_lastFindings.isValid() && m_lastFindings.elapsed() < kRecheckMs) return;
    m_lastFindings.start();
    std::vector<Outlier> found =
        OutlierDetector().find(*m_metrics, m_siblings.groups(), m_range ? m_range() : TimeRange{});
    if (m_standsOut->count() > 0 && found == m_outliers) return;
    m_outliers = std::move(found);
    showFindings();
}

void InsightDocks::showFindings() {
    // Rebuilt only when the findings changed: laying the list out again shapes every line.
    m_standsOut->clear();
    for (const Outlier& o : m_outliers) {
        const QString label = m_store->instances().label(o.instance.value);
        auto* item = new QListWidgetItem(shownLogValue(describeOutlier(o, label)), m_standsOut);
        item->setData(Qt::UserRole, label);
        item->setToolTip(tr("%1 robust deviations from the siblings' median; click to show its entries")
                             .arg(o.score, 0, 'f', 1));
    }
    if (m_outliers.empty())
        new QListWidgetItem(tr("Nothing: sibling instances agree over the charts' window."), m_standsOut);
    m_standsOutDock->setWindowTitle(m_outliers.empty() ? tr("What stands out")
                                                       : tr("What stands out (%1)").arg(m_outliers.size()));
    Q_EMIT outliersChanged();
}

std::vector<QString> InsightDocks::remarks() const {
    std::vector<QString> out;
    if (!m_store) return out;
    for (const Outlier& o : m_outliers) {
        if (out.size() <= o.instance.value) out.resize(o.instance.value + 1);
        QString& r = out[o.instance.value];
        const QString sentence =
            shownLogValue(describeOutlier(o, m_store->instances().label(o.instance.value)));
        r = r.isEmpty() ? sentence : r + QLatin1Char('\n') + sentence;
    }
    return out;
}

QStringList InsightDocks::flaggedLabels() const {
    QStringList out;
    if (!m_store) return out;
    for (const Outlier& o : m_outliers) {
        const QString label = m_store->instances().label(o.instance.value);
        if (!out.contains(label)) out << label;
    }
    return out;
}

void InsightDocks::placeDocks(QDockWidget* beside) {
    // The tab in front of `beside`'s group (the charts, in a short window) stays in front:
    // these docks are there to be picked, not to hide what was shown.
    QString front = beside->windowTitle();
    for (QTabBar* bar : m_window->findChildren<QTabBar*>(QString(), Qt::FindDirectChildrenOnly))
        for (int i = 0; i < bar->count(); ++i)
            if (bar->tabText(i) == beside->windowTitle()) front = bar->tabText(bar->currentIndex());
    for (QDockWidget* dock : {m_standsOutDock, m_patternsDock, m_diffDock}) {
        dock->setFloating(false);
        dock->show();
        m_window->tabifyDockWidget(beside, dock);
    }
    for (QDockWidget* dock : m_window->findChildren<QDockWidget*>())
        if (dock->windowTitle() == front) dock->raise();
}

void InsightDocks::addMenuActions(QMenu* menu) {
    menu->addAction(m_patternsDock->toggleViewAction());
    menu->addAction(m_standsOutDock->toggleViewAction());
    menu->addAction(m_diffDock->toggleViewAction());
}

} // namespace vigil
