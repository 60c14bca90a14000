#include "alertmonitor.h"

#include <QDateTime>
#include <QElapsedTimer>

namespace vigil {

AlertMonitor::AlertMonitor(MetricsModel& metrics, AlertEngine& engine, QObject* parent)
    : QObject(parent), m_metrics(metrics), m_engine(engine) {
    m_quiet.setSingleShot(true);
    m_quiet.setInterval(kQuietMs);
    connect(&m_quiet, &QTimer::timeout, this, [this] {
        if (m_scanDone && !m_catchingUp) m_engine.flush();
    });
    m_drain.setSingleShot(true);
    m_drain.setInterval(0);
    connect(&m_drain, &QTimer::timeout, this, &AlertMonitor::drain);
}

void AlertMonitor::attach(LiveIngest* ingest) {
    for (const auto& c : m_connections)
        disconnect(c);
    m_connections.clear();
    m_quiet.stop();
    m_drain.stop();
    m_pendingBegin = m_pendingEnd = 0;
    m_finishPending = false;
    m_catchingUp = false;
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
    // A few entries (following) are fed at once; more (a scan) in a turn of their own, so
    // that this turn, which appended them, stays short.
    if (m_pendingEnd - m_pendingBegin <= kSlice)
        drain();
    else if (!m_drain.isActive())
        m_drain.start();
}

void AlertMonitor::drain() {
    if (!m_ingest) return;
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
    } else if (m_catchingUp) {
        continueCatchUp();
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
    m_catchUpAll = m_metrics.hasData() && m_metrics.lastTimeUs() < nowUs - kHistoricUs;
    m_catchingUp = true;
    Q_EMIT catchUpStarted();
    continueCatchUp();
}

void AlertMonitor::continueCatchUp() {
    if (!m_engine.evaluateFor(kDrainBudgetMs, m_catchUpAll)) {
        m_drain.start(); // the rest in the next turns
        return;
    }
    m_catchingUp = false;
    if (!m_catchUpAll) m_quiet.start();
    Q_EMIT catchUpFinished();
}

} // namespace vigil
