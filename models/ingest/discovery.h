#pragma once
// Finds the log files below one or more roots, as FORMATS.md lists them: *.log, rotated
// backups (*.log.1 ... *.log.N), dated files, gzip-compressed backups. Follows symlinks
// but never loops, reports unreadable folders instead of failing. A name is whatever bytes
// the file system holds (a newline, "\xff" that is no UTF-8): files are opened by those
// bytes and shown with them escaped, so no file is left unread for its name alone. What it
// does not read (too deep, a FIFO or socket with a log's name) it reports.

#include <QString>
#include <QStringList>

#include <cstdint>
#include <vector>

namespace vigil {

struct DiscoveredFile {
    QString root;
    QString absolutePath;  // for display: bytes that are no UTF-8, and control characters, escaped
    QString relativePath;  // '/'-separated, relative to root (escaped likewise)
    QByteArray nativePath; // the absolute path as the file system spells it: what open() takes
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

// Folders deeper below a root than this are not walked (reported).
constexpr int kMaxFolderDepth = 64;

// A file name's bytes as text: UTF-8 decoded, with control characters and bytes that are
// no UTF-8 written as \n, \t, \xff... ("bad\xffname.log").
QString displayName(const QByteArray& name);

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
