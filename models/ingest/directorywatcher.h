#pragma once
// Tells the follower when to look: QFileSystemWatcher (inotify) events on the watched
// folders and files, coalesced into one changed() per short window, plus a stat-poll timer
// as fallback for file systems that miss events (network shares, some container mounts).
// Folders are watched for new, renamed and deleted files; files for appended bytes, since
// inotify reports a file's writes only to a watch on the file itself. A renamed file drops
// out of QFileSystemWatcher's list, so the caller hands over the current lists after every
// rescan and they are re-added.

#include <QFileSystemWatcher>
#include <QObject>
#include <QSet>
#include <QStringList>
#include <QTimer>

namespace vigil {

class DirectoryWatcher : public QObject {
    Q_OBJECT
  public:
    DirectoryWatcher(int coalesceMs, int pollIntervalMs, QObject* parent = nullptr);

    // How many folders and files a setWatched() call began to watch. What a new folder held
    // before its watch began must be listed once more, and what a new file gained before its
    // watch began raised no event.
    struct Added {
        int directories = 0;
        int files = 0;
    };
    // Watches exactly these folders and files from now on.
    Added setWatched(const std::vector<QString>& directories, const QStringList& files);
    // Starts the poll timer and event delivery.
    void start();
    void stop();

  Q_SIGNALS:
    // Something may have changed. `rescan`: a folder changed or the poll timer fired, so the
    // folders should be listed again; otherwise only known files grew.
    void changed(bool rescan);

  private:
    void note(bool rescan);
    int sync(QSet<QString>& current, const QSet<QString>& wanted);

    QFileSystemWatcher m_watcher;
    QTimer m_coalesce, m_poll;
    QSet<QString> m_directories, m_files;
    bool m_rescanPending = false;
    bool m_running = false;
};

} // namespace vigil
