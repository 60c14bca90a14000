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

QString describeErrno(int error) {
    return QString::fromLocal8Bit(std::strerror(error));
}

const char* fileTypeName(mode_t mode) {
    if (S_ISFIFO(mode)) return "a FIFO";
    if (S_ISSOCK(mode)) return "a socket";
    if (S_ISCHR(mode) || S_ISBLK(mode)) return "a device";
    return "not a regular file";
}

struct Walker {
    Discovery& result;
    QString root;
    std::set<std::pair<std::uint64_t, std::uint64_t>> visitedDirs;
    std::set<std::pair<std::uint64_t, std::uint64_t>> seenFiles;

    void addFile(const QByteArray& native, const QString& absolute, const QString& relative,
                 const struct stat& st) {
        if (!seenFiles.insert({st.st_dev, st.st_ino}).second) return; // same file by two names
        DiscoveredFile f;
        f.root = root;
        f.absolutePath = absolute;
        f.relativePath = relative;
        f.nativePath = native;
        f.size = static_cast<std::uint64_t>(st.st_size);
        f.device = st.st_dev;
        f.inode = st.st_ino;
        f.modifiedNs = nanosSinceEpoch(st.st_mtim);
        f.gzip = isGzipName(relative.section(QLatin1Char('/'), -1));
        result.files.push_back(std::move(f));
    }

    void walk(const QByteArray& dirNative, const QString& dirPath, const QString& relative, int depth) {
        DIR* dir = opendir(dirNative.constData());
        if (!dir) {
            result.errors.push_back({dirPath, QStringLiteral("cannot open folder: ") + describeErrno(errno)});
            return;
        }
        result.directories.push_back(dirPath);
        struct Listed {
            QByteArray native;
            QString name;
            struct stat st;
        };
        std::vector<Listed> entries;
        while (dirent* e = readdir(dir)) {
            if (std::strcmp(e->d_name, ".") == 0 || std::strcmp(e->d_name, "..") == 0) continue;
            const QByteArray native = dirNative + '/' + e->d_name;
            const QString name = displayName(QByteArray(e->d_name));
            struct stat st {};
            if (stat(native.constData(), &st) != 0) {
                if (errno != ENOENT) // dangling symlinks and files deleted meanwhile are no error
                    result.errors.push_back({dirPath + QLatin1Char('/') + name, describeErrno(errno)});
                continue;
            }
            entries.push_back({native, name, st});
        }
        closedir(dir);
        std::sort(entries.begin(), entries.end(),
                  [](const Listed& a, const Listed& b) { return a.name < b.name; });
        for (const Listed& e : entries) {
            const QString path = dirPath + QLatin1Char('/') + e.name;
            const QString rel = relative.isEmpty() ? e.name : relative + QLatin1Char('/') + e.name;
            if (S_ISDIR(e.st.st_mode)) {
                if (!visitedDirs.insert({e.st.st_dev, e.st.st_ino}).second) continue;
                if (depth + 1 > kMaxFolderDepth)
                    result.errors.push_back(
                        {path, QStringLiteral("skipped: more than %1 folders below the root")
                                   .arg(kMaxFolderDepth)});
                else
                    walk(e.native, path, rel, depth + 1);
            } else if (isLogFileName(e.name)) {
                if (S_ISREG(e.st.st_mode))
                    addFile(e.native, path, rel, e.st);
                else
                    result.errors.push_back({path, QStringLiteral("skipped: %1, not a regular file")
                                                       .arg(QLatin1String(fileTypeName(e.st.st_mode)))});
            }
        }
    }
};

} // namespace

bool isLogFileName(const QString& name) {
    // Any character before the suffix, a newline included.
    static const QRegularExpression pattern(
        QStringLiteral(R"(^.+\.(log|jsonl)(\.\d+)?(\.gz)?$|^.+\.log[.\-_]\d{4}-?\d{2}-?\d{2}(\.gz)?$)"),
        QRegularExpression::DotMatchesEverythingOption);
    return pattern.match(name).hasMatch();
}

bool isGzipName(const QString& name) {
    return name.endsWith(QLatin1String(".gz"));
}

bool isBackupName(const QString& name) {
    static const QRegularExpression pattern(
        QStringLiteral(R"(\.(log|jsonl)\.\d+(\.gz)?$|\.log[.\-_]\d{4}-?\d{2}-?\d{2}(\.gz)?$|\.gz$)"));
    return pattern.match(name).hasMatch();
}

std::string instanceFromPath(const QString& relativePath, const QString& root) {
    const QStringList parts = relativePath.split(QLatin1Char('/'), Qt::SkipEmptyParts);
    QString name;
    if (parts.size() >= 3 && parts[0] == QLatin1String("instances"))
        name = parts[1];
    else if (parts.size() >= 2 && parts[0] != QLatin1String("logs"))
        name = parts[0];
    else
        name = QFileInfo(root).fileName();
    if (name.isEmpty()) name = QStringLiteral("(root)");
    return name.toStdString();
}

QString displayName(const QByteArray& name) {
    QString out;
    out.reserve(name.size());
    const auto* p = reinterpret_cast<const unsigned char*>(name.constData());
    const auto* end = p + name.size();
    auto escapeByte = [&out](unsigned char c) {
        switch (c) {
        case '\n':
            out += QLatin1String("\\n");
            break;
        case '\r':
            out += QLatin1String("\\r");
            break;
        case '\t':
            out += QLatin1String("\\t");
            break;
        default:
            out += QStringLiteral("\\x%1").arg(c, 2, 16, QLatin1Char('0'));
        }
    };
    while (p < end) {
        const unsigned char c = *p;
        if (c < 0x20 || c == 0x7f) {
            escapeByte(c);
            ++p;
            continue;
        }
        if (c < 0x80) {
            out += QLatin1Char(char(c));
            ++p;
            continue;
        }
        // One UTF-8 sequence, strictly: no overlong forms, no surrogates, nothing past U+10FFFF.
        int length = c >= 0xC2 && c <= 0xDF ? 2 : c >= 0xE0 && c <= 0xEF ? 3 : c >= 0xF0 && c <= 0xF4 ? 4 : 0;
        char32_t code = length == 2 ? c & 0x1F : length == 3 ? c & 0x0F : c & 0x07;
        bool valid = length > 0 && end - p >= length;
        for (int k = 1; valid && k < length; ++k) {
            if ((p[k] & 0xC0) != 0x80) valid = false;
            code = (code << 6) | (p[k] & 0x3F);
        }
        valid = valid && !(length == 3 && (code < 0x800 || (code >= 0xD800 && code <= 0xDFFF))) &&
                !(length == 4 && (code < 0x10000 || code > 0x10FFFF));
        if (!valid) {
            escapeByte(c);
            ++p;
            continue;
        }
        out += QString::fromUcs4(&code, 1);
        p += length;
    }
    return out;
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
            walker.addFile(QFile::encodeName(root), root, QFileInfo(root).fileName(), st);
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
        walker.walk(QFile::encodeName(root), root, QString(), 0);
        // The root counts as readable unless opening the root folder itself failed.
        const bool rootFailed =
            result.errors.size() > errorsBefore && result.errors[errorsBefore].path == root;
        if (!rootFailed) ++result.readableRoots;
    }
    return result;
}

} // namespace vigil
