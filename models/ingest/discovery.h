#pragma once
// Finds the log files below one or more roots, as FORMATS.md lists them: *.log, rotated
// backups (*.log.1 ... *.log.N), dated files, gzip-compressed backups. Follows symlinks
// but never loops, reports unreadable folders instead of failing.

#include <QString>
#include <QStringList>

#include <cstdint>
#include <vector>

namespace vigil {

struct DiscoveredFile {
    QString root;
    QString absolutePath;
    QString relativePath; // '/'-separated, relative to root
    std::uint64_t size = 0;
    std::uint64_t device = 0, inode = 0;
    std::int64_t modifiedNs = 0; // last modification, nanoseconds since the epoch
    bool gzip = false;
};

struct IngestError {
    QString path;
    QString message;
};

struct Discovery {
    std::vector<DiscoveredFile> files;
    std::vector<IngestError> errors;
    std::vector<QString> directories; // every folder walked (a file root: its folder), to watch
    int readableRoots = 0;
};

Discovery discoverLogFiles(const QStringList& roots);

// Whether a file name is one Vigil reads: app.log, app.log.3, app.log.1.gz,
// app_2024-01-04.log, app.log.2024-01-04, app.log-20240104, events.jsonl.
bool isLogFileName(const QString& name);
bool isGzipName(const QString& name);
// Whether a log file name is a rotated backup's (app.log.3, app.log.1.gz, app.log-20240104,
// app.log.2024-01-04): names that rotation gives to bytes already written elsewhere.
bool isBackupName(const QString& name);

// The instance by the path rule: instances/<name>/... gives <name>; otherwise the first
// folder below the root; files directly in the root, or in a bare logs/ folder, take the
// root folder's name.
std::string instanceFromPath(const QString& relativePath, const QString& root);

} // namespace vigil
