#include "workspace.h"

#include "store/entryflags.h"

namespace vigil {

Workspace::Workspace(Executor& executor, QObject* parent)
    : QObject(parent), m_executor(executor), m_store(std::make_unique<EntryStore>()),
      m_ingest(std::make_unique<LiveIngest>(*m_store)),
      m_table(std::make_unique<LogTableModel>(*m_store, executor)),
      m_instances(std::make_unique<InstanceModel>(*m_store)), m_metrics(std::make_unique<MetricsModel>()),
      m_engine(std::make_unique<AlertEngine>(*m_metrics)),
      m_monitor(std::make_unique<AlertMonitor>(*m_metrics, *m_engine, &executor)),
      m_alertList(std::make_unique<AlertListModel>(*m_engine)),
      m_bookmarks(std::make_unique<BookmarkModel>(*m_table)),
      m_endpoints(std::make_unique<EndpointTableModel>(*m_metrics, m_store->endpoints())),
      m_finder(std::make_unique<MatchFinder>(*m_table, executor)),
      m_patterns(std::make_unique<PatternRunner>(*m_store, executor)),
      m_patternList(std::make_unique<PatternListModel>(m_store->instances())), m_searchWarmUp(executor) {
    connect(m_patterns.get(), &PatternRunner::rowsChanged, this,
            [this] { m_patternList->setRows(m_patterns->rows()); });
    m_engine->setRules(defaultAlertRules());
    m_monitor->attach(m_ingest.get());
    LiveIngestOptions options = m_ingest->options();
    options.executor = &executor;
    m_ingest->setOptions(options);
    connect(m_ingest.get(), &LiveIngest::entriesAppended, this, &Workspace::onAppended);
    connect(m_ingest.get(), &LiveIngest::initialScanFinished, this,
            [this] { m_searchWarmUp.start(*m_store); });
    // The ingest's own retention evicts too: the table drops those rows at once.
    connect(m_ingest.get(), &LiveIngest::entriesEvicted, this, &Workspace::checkEvicted);
    connect(m_ingest.get(), &LiveIngest::sourcesChanged, this, [this] {
        if (!m_countsTimer.isActive()) m_countsTimer.start();
        m_table->sourcesChanged();
    });
    m_countsTimer.setSingleShot(true);
    // Named for traces of the GUI thread's events.
    m_countsTimer.setObjectName(QStringLiteral("workspaceCounts"));
    m_rateTimer.setObjectName(QStringLiteral("workspaceRate"));
    m_countsTimer.setInterval(250);
    connect(&m_countsTimer, &QTimer::timeout, this, [this] {
        m_instances->refresh();
        Q_EMIT countsChanged();
    });
    m_rateTimer.setInterval(1000);
    connect(&m_rateTimer, &QTimer::timeout, this, [this] {
        const std::uint64_t total = m_store->counters().entries;
        m_rate = double(total - m_rateBase);
        checkEvicted();
        m_rateBase = total;
        Q_EMIT countsChanged();
    });
    m_rateTimer.start();
    // Bookmarked entries evicted or arrived: the list follows the counts.
    connect(this, &Workspace::countsChanged, m_bookmarks.get(), &BookmarkModel::refresh);
}

Workspace::~Workspace() {
    // The ingest thread delivers to the store: stop it before the models and store go.
    m_ingest->stop();
}

void Workspace::open(const QStringList& roots) {
    m_ingest->open(roots);
}

void Workspace::setMaxEntries(std::uint64_t n) {
    LiveIngestOptions options = m_ingest->options();
    options.retainEntries = n;
    m_ingest->setOptions(options);
}

void Workspace::checkEvicted() {
    // The ingest's retention evicted: the table drops those rows.
    if (m_store->beginIndex().value != m_seenBegin) {
        m_seenBegin = m_store->beginIndex().value;
        m_table->entriesEvicted();
    }
}

void Workspace::onAppended(quint64 first, quint64 end) {
    // "Last 5 minutes" ends at the newest entry, not at one stamped years ahead.
    for (quint64 i = std::max<quint64>(first, m_store->beginIndex().value); i < end; ++i)
        if (!(m_store->flags(EntryIndex(i)) & FlagFutureTime))
            m_newestUs = std::max(m_newestUs, m_store->timeUs(EntryIndex(i)));
    checkEvicted();
    m_table->entriesAppended();
    m_patterns->entriesAppended();
    if (!m_countsTimer.isActive()) m_countsTimer.start();
}

} // namespace vigil
