#include "directorywatcher.h"

namespace vigil {

DirectoryWatcher::DirectoryWatcher(int coalesceMs, int pollIntervalMs, QObject* parent)
    : QObject(parent), m_watcher(this) {
    m_coalesce.setSingleShot(true);
    m_coalesce.setInterval(std::max(0, coalesceMs));
    m_poll.setInterval(std::max(10, pollIntervalMs));
    connect(&m_watcher, &QFileSystemWatcher::directoryChanged, this, [this] { note(true); });
    // Renames and deletions also change the folder, which asks for the rescan.
    connect(&m_watcher, &QFileSystemWatcher::fileChanged, this, [this] { note(false); });
    connect(&m_coalesce, &QTimer::timeout, this, [this] {
        const bool rescan = m_rescanPending;
        m_rescanPending = false;
        Q_EMIT changed(rescan);
    });
    connect(&m_poll, &QTimer::timeout, this, [this] { note(true); });
}

void DirectoryWatcher::note(bool rescan) {
    if (!m_running) return;
    m_rescanPending = m_rescanPending || rescan;
    if (!m_coalesce.isActive()) m_coalesce.start();
}

int DirectoryWatcher::sync(QSet<QString>& current, const QSet<QString>& wanted) {
    QStringList gone, added;
    for (const QString& p : current)
        if (!wanted.contains(p)) gone << p;
    for (const QString& p : wanted)
        if (!current.contains(p)) added << p;
    if (!gone.isEmpty()) m_watcher.removePaths(gone);
    if (!added.isEmpty()) m_watcher.addPaths(added); // what cannot be watched is still polled
    current = wanted;
    return int(added.size());
}

DirectoryWatcher::Added DirectoryWatcher::setWatched(const std::vector<QString>& directories,
                                                     const QStringList& files) {
    QSet<QString> dirs(directories.begin(), directories.end());
    QSet<QString> paths(files.begin(), files.end());
    // Paths the watcher dropped (renamed, deleted, recreated) are added again.
    const QStringList watchedFiles = m_watcher.files(), watchedDirs = m_watcher.directories();
    m_files = QSet<QString>(watchedFiles.begin(), watchedFiles.end());
    m_directories = QSet<QString>(watchedDirs.begin(), watchedDirs.end());
    Added added;
    added.directories = sync(m_directories, dirs);
    added.files = sync(m_files, paths);
    return added;
}

void DirectoryWatcher::start() {
    m_running = true;
    m_poll.start();
}

void DirectoryWatcher::stop() {
    m_running = false;
    m_poll.stop();
    m_coalesce.stop();
}

} // namespace vigil
