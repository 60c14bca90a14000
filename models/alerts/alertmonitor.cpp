#include "alertmonitor.h"

#include <QDateTime>

namespace vigil {

AlertMonitor::AlertMonitor(QObject* parent) : QObject(parent), m_engine(m_metrics) {
    m_document.rules = defaultAlertRules();
    m_engine.setRules(m_document.rules);
}

void AlertMonitor::attach(LiveIngest* ingest) {
    for (const auto& c : m_connections) disconnect(c);
    m_connections.clear();
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
    const EntryStore& store = m_ingest->store();
    m_metrics.ingest(store, EntryIndex(first), EntryIndex(end));
    m_engine.ingest(store, EntryIndex(first), EntryIndex(end));
    if (m_scanDone) m_engine.evaluate();
}

void AlertMonitor::onScanFinished() {
    m_scanDone = true;
    const std::int64_t nowUs = QDateTime::currentMSecsSinceEpoch() * 1000;
    Q_EMIT catchUpStarted();
    if (m_metrics.hasData() && m_metrics.lastTimeUs() < nowUs - kHistoricUs) m_engine.flush();
    else m_engine.evaluate();
    Q_EMIT catchUpFinished();
}

QStringList AlertMonitor::loadRules(const QString& path) {
    m_rulesPath = path;
    const QStringList problems = reloadRules(path, m_document);
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
