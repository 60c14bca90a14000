#include "alertmonitor.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QFileInfo>

namespace vigil {

AlertMonitor::AlertMonitor(QObject* parent) : QObject(parent), m_engine(m_metrics) {
    m_document.rules = defaultAlertRules();
    m_engine.setRules(m_document.rules);
    m_quiet.setSingleShot(true);
    m_quiet.setInterval(kQuietMs);
    connect(&m_quiet, &QTimer::timeout, this, [this] {
        if (m_scanDone) m_engine.flush();
    });
    m_drain.setSingleShot(true);
    m_drain.setInterval(0);
    connect(&m_drain, &QTimer::timeout, this, &AlertMonitor::drain);
    m_reload.setSingleShot(true);
    m_reload.setInterval(200);
    connect(&m_reload, &QTimer::timeout, this, [this] { loadRules(m_rulesPath); });
    // Saving by rename replaces the file: watch the folder too and re-add the file.
    connect(&m_watcher, &QFileSystemWatcher::fileChanged, &m_reload, qOverload<>(&QTimer::start));
    connect(&m_watcher, &QFileSystemWatcher::directoryChanged, this, [this] {
        if (!m_rulesPath.isEmpty() && QFileInfo::exists(m_rulesPath) &&
            !m_watcher.files().contains(m_rulesPath))
            m_reload.start();
    });
}

void AlertMonitor::attach(LiveIngest* ingest) {
    for (const auto& c : m_connections)
        disconnect(c);
    m_connections.clear();
    m_quiet.stop();
    m_drain.stop();
    m_pendingBegin = m_pendingEnd = 0;
    m_finishPending = false;
    m_metrics.clear();
    m_engine.clear();
    m_ingest = ingest;
    m_scanDone = ingest && ingest->initialScanDone();
    if (!ingest) return;
    m_connections << connect(ingest, &LiveIngest::entriesAppended, this, &AlertMonitor::onAppended);
    m_connections << connect(ingest, &LiveIngest::initialScanFinished, this, &AlertMonitor::onScanFinished);
    const EntryStore& store = ingest->store();
    if (store.size() > 0) onAppended(store.beginIndex().value, store.endIndex().value);
}

void AlertMonitor::onAppended(quint64 first, quint64 end) {
    if (!m_ingest) return;
    // Appended ranges follow one another: extend the pending one.
    if (m_pendingBegin >= m_pendingEnd) m_pendingBegin = first;
    m_pendingEnd = std::max(m_pendingEnd, end);
    drain();
}

void AlertMonitor::drain() {
    if (!m_ingest) return;
    constexpr quint64 kSlice = 1024; // entries between looks at the clock
    const EntryStore& store = m_ingest->store();
    QElapsedTimer clock;
    clock.start();
    while (m_pendingBegin < m_pendingEnd) {
        const quint64 to = std::min(m_pendingEnd, m_pendingBegin + kSlice);
        m_metrics.ingest(store, EntryIndex(m_pendingBegin), EntryIndex(to));
        m_engine.ingest(store, EntryIndex(m_pendingBegin), EntryIndex(to));
        m_pendingBegin = to;
        if (m_pendingBegin < m_pendingEnd && clock.elapsed() >= kDrainBudgetMs) {
            m_drain.start();
            return;
        }
    }
    if (m_finishPending) {
        m_finishPending = false;
        finishScan();
    } else if (m_scanDone) {
        m_engine.evaluate();
        m_quiet.start();
    }
}

void AlertMonitor::onScanFinished() {
    if (m_pendingBegin < m_pendingEnd) {
        m_finishPending = true; // once every scanned entry is fed
        return;
    }
    finishScan();
}

void AlertMonitor::finishScan() {
    m_scanDone = true;
    const std::int64_t nowUs = QDateTime::currentMSecsSinceEpoch() * 1000;
    Q_EMIT catchUpStarted();
    if (m_metrics.hasData() && m_metrics.lastTimeUs() < nowUs - kHistoricUs) {
        m_engine.flush();
    } else {
        m_engine.evaluate();
        m_quiet.start();
    }
    Q_EMIT catchUpFinished();
}

QStringList AlertMonitor::loadRules(const QString& path) {
    if (path != m_rulesPath && !m_watcher.files().isEmpty()) m_watcher.removePaths(m_watcher.files());
    if (path != m_rulesPath && !m_watcher.directories().isEmpty())
        m_watcher.removePaths(m_watcher.directories());
    m_rulesPath = path;
    const QStringList problems = reloadRules(path, m_document);
    if (QFileInfo::exists(path) && !m_watcher.files().contains(path)) m_watcher.addPath(path);
    const QString folder = QFileInfo(path).absolutePath();
    if (QFileInfo::exists(folder) && !m_watcher.directories().contains(folder)) m_watcher.addPath(folder);
    m_problems = problems;
    m_engine.setRules(m_document.rules);
    Q_EMIT rulesChanged();
    Q_EMIT rulesProblemsChanged(m_problems);
    return problems;
}

void AlertMonitor::setDocument(const RulesDocument& document) {
    m_document = document;
    m_problems.clear();
    m_engine.setRules(m_document.rules);
    Q_EMIT rulesChanged();
    Q_EMIT rulesProblemsChanged(m_problems);
}

} // namespace vigil
