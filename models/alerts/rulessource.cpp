#include "rulessource.h"

#include <QFileInfo>

namespace vigil {

RulesSource::RulesSource(QObject* parent) : QObject(parent) {
    m_document.rules = defaultAlertRules();
    m_reload.setSingleShot(true);
    m_reload.setInterval(200);
    connect(&m_reload, &QTimer::timeout, this, [this] { load(m_path); });
    // Saving by rename replaces the file: watch the folder too and re-add the file.
    connect(&m_watcher, &QFileSystemWatcher::fileChanged, &m_reload, qOverload<>(&QTimer::start));
    connect(&m_watcher, &QFileSystemWatcher::directoryChanged, this, [this] {
        if (!m_path.isEmpty() && QFileInfo::exists(m_path) && !m_watcher.files().contains(m_path))
            m_reload.start();
    });
}

QStringList RulesSource::load(const QString& path) {
    if (path != m_path && !m_watcher.files().isEmpty()) m_watcher.removePaths(m_watcher.files());
    if (path != m_path && !m_watcher.directories().isEmpty()) m_watcher.removePaths(m_watcher.directories());
    m_path = path;
    const QStringList problems = reloadRules(path, m_document);
    if (QFileInfo::exists(path) && !m_watcher.files().contains(path)) m_watcher.addPath(path);
    const QString folder = QFileInfo(path).absolutePath();
    if (QFileInfo::exists(folder) && !m_watcher.directories().contains(folder)) m_watcher.addPath(folder);
    m_problems = problems;
    Q_EMIT rulesChanged();
    Q_EMIT problemsChanged(m_problems);
    return problems;
}

void RulesSource::setDocument(const RulesDocument& document) {
    m_document = document;
    m_problems.clear();
    Q_EMIT rulesChanged();
    Q_EMIT problemsChanged(m_problems);
}

} // namespace vigil
