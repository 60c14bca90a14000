#include "discovery.h"

#include "fileclock.h"

#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <dirent.h>
#include <set>
#include <sys/stat.h>
#include <utility>

namespace vigil {

namespace {

QString describeErrno(int error) { return QString::fromLocal8Bit(std::strerror(error)); }

struct Walker {
    Discovery& result;
    QString root;
    std::set<std::pair<std::uint64_t, std::uint64_t>> visitedDirs;
    std::set<std::pair<std::uint64_t, std::uint64_t>> seenFiles;

    void addFile(const QString& absolute, const QString& relative, const struct stat& st) {
        if (!seenFiles.insert({st.st_dev, st.st_ino}).second) return; // same file by two names
        DiscoveredFile f;
        f.root = root;
        f.absolutePath = absolute;
        f.relativePath = relative;
        f.size = static_cast<std::uint64_t>(st.st_size);
        f.device = st.st_dev;
        f.inode = st.st_ino;
        f.modifiedNs = nanosSinceEpoch(st.st_mtim);
        f.gzip = isGzipName(relative.section(QLatin1Char('/'), -1));
        result.files.push_back(std::move(f));
    }

    void walk(const QString& dirPath, const QString& relative, int depth) {
        constexpr int kMaxDepth = 32;
        if (depth > kMaxDepth) return;
        const QByteArray encoded = QFile::encodeName(dirPath);
        DIR* dir = opendir(encoded.constData());
        if (!dir) {
            result.errors.push_back({dirPath, QStringLiteral("cannot open folder: ") + describeErrno(errno)});
            return;
        }
        result.directories.push_back(dirPath);
        std::vector<std::pair<QString, struct stat>> entries;
        while (dirent* e = readdir(dir)) {
            if (std::strcmp(e->d_name, ".") == 0 || std::strcmp(e->d_name, "..") == 0) continue;
            const QString name = QFile::decodeName(e->d_name);
            const QString path = dirPath + QLatin1Char('/') + name;
            struct stat st {};
            if (stat(QFile::encodeName(path).constData(), &st) != 0) {
                if (errno != ENOENT) // dangling symlinks and files deleted meanwhile are no error
                    result.errors.push_back({path, describeErrno(errno)});
                continue;
            }
            entries.emplace_back(name, st);
        }
        closedir(dir);
        std::sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
        for (const auto& [name, st] : entries) {
            const QString path = dirPath + QLatin1Char('/') + name;
            const QString rel = relative.isEmpty() ? name : relative + QLatin1Char('/') + name;
            if (S_ISDIR(st.st_mode)) {
                if (visitedDirs.insert({st.st_dev, st.st_ino}).second) walk(path, rel, depth + 1);
            } else if (S_ISREG(st.st_mode) && isLogFileName(name)) {
                addFile(path, rel, st);
            }
        }
    }
};

} // namespace

bool isLogFileName(const QString& name) {
    static const QRegularExpression pattern(QStringLiteral(
        R"(^.+\.(log|jsonl)(\.\d+)?(\.gz)?$|^.+\.log[.\-_]\d{4}-?\d{2}-?\d{2}(\.gz)?$)"));
    return pattern.match(name).hasMatch();
}

bool isGzipName(const QString& name) { return name.endsWith(QLatin1String(".gz")); }

bool isBackupName(const QString& name) {
    static const QRegularExpression pattern(QStringLiteral(
        R"(\.(log|jsonl)\.\d+(\.gz)?$|\.log[.\-_]\d{4}-?\d{2}-?\d{2}(\.gz)?$|\.gz$)"));
    return pattern.match(name).hasMatch();
}

std::string instanceFromPath(const QString& relativePath, const QString& root) {
    const QStringList parts = relativePath.split(QLatin1Char('/'), Qt::SkipEmptyParts);
    QString name;
    if (parts.size() >= 3 && parts[0] == QLatin1String("instances")) name = parts[1];
    else if (parts.size() >= 2 && parts[0] != QLatin1String("logs")) name = parts[0];
    else name = QFileInfo(root).fileName();
    if (name.isEmpty()) name = QStringLiteral("(root)");
    return name.toStdString();
}

Discovery discoverLogFiles(const QStringList& roots) {
    Discovery result;
    for (const QString& given : roots) {
        const QString root = QDir::cleanPath(QFileInfo(given).absoluteFilePath());
        struct stat st {};
        if (stat(QFile::encodeName(root).constData(), &st) != 0) {
            result.errors.push_back({given, QStringLiteral("cannot read root: ") + describeErrno(errno)});
            continue;
        }
        Walker walker{result, root, {}, {}};
        if (S_ISREG(st.st_mode)) { // a single file given as root
            walker.root = QFileInfo(root).absolutePath();
            walker.addFile(root, QFileInfo(root).fileName(), st);
            result.directories.push_back(walker.root);
            ++result.readableRoots;
            continue;
        }
        if (!S_ISDIR(st.st_mode)) {
            result.errors.push_back({given, QStringLiteral("not a folder or a regular file")});
            continue;
        }
        const std::size_t errorsBefore = result.errors.size();
        walker.visitedDirs.insert({st.st_dev, st.st_ino});
        walker.walk(root, QString(), 0);
        // The root counts as readable unless opening the root folder itself failed.
        const bool rootFailed = result.errors.size() > errorsBefore && result.errors[errorsBefore].path == root;
        if (!rootFailed) ++result.readableRoots;
    }
    return result;
}

} // namespace vigil
