#pragma once
// Helpers for follow tests: numbered log lines, appends through a kept descriptor (as a
// logging handler writes), gzip files, and the entries of a store as text.

#include "../ingest/ingesttesthelpers.h" // writeFile, writeGzip, entryText, sourceByPath
#include "models/store/entrystore.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStringList>
#include <QtTest>

#include <fcntl.h>
#include <unistd.h>

#include <map>

namespace vigil::testing {

// One Python-logging line with a unique number, millisecond timestamp and newline.
inline QByteArray logLine(const QByteArray& tag, int n, const QByteArray& level = "INFO") {
    return "2025-11-10 10:30:" + QByteArray::number(10 + n % 50) + ",123 - [" + tag + "] - app.main - " +
           level + " - [main:run:1] - message " + QByteArray::number(n) + "\n";
}

inline QByteArray logLines(const QByteArray& tag, int from, int to) {
    QByteArray out;
    for (int n = from; n < to; ++n)
        out += logLine(tag, n);
    return out;
}

inline QByteArray traceback(const QByteArray& tag, int n) {
    return logLine(tag, n, "ERROR") + "Traceback (most recent call last):\n"
                                      "  File \"/srv/app/main.py\", line 212, in run\n"
                                      "TimeoutError: upstream timed out after 30s\n";
}

// A file kept open for appending, like a logging handler's stream: it keeps writing to the
// same inode after the file is renamed.
class Appender {
  public:
    explicit Appender(const QString& path) {
        QDir().mkpath(QFileInfo(path).absolutePath());
        m_fd = ::open(QFile::encodeName(path).constData(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    }
    ~Appender() { close(); }
    bool isOpen() const { return m_fd >= 0; }
    void write(const QByteArray& bytes) {
        QVERIFY(m_fd >= 0);
        QCOMPARE(::write(m_fd, bytes.constData(), size_t(bytes.size())), ssize_t(bytes.size()));
    }
    void close() {
        if (m_fd >= 0) ::close(m_fd);
        m_fd = -1;
    }

  private:
    int m_fd = -1;
};

inline void appendTo(const QString& path, const QByteArray& bytes) {
    Appender a(path);
    a.write(bytes);
}

inline QByteArray readAll(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// How often each "message N" occurs among the stored entries' first lines.
inline std::map<int, int> messageCounts(const EntryStore& store) {
    std::map<int, int> counts;
    for (std::uint64_t i = store.beginIndex().value; i < store.endIndex().value; ++i) {
        const QString text = entryText(store, EntryIndex(i));
        const int at = text.indexOf(QLatin1String(" - message "));
        if (at < 0) {
            ++counts[-1]; // unreadable or foreign
            continue;
        }
        const int end = text.indexOf(QLatin1Char('\n'), at);
        ++counts[text.mid(at + 11, end < 0 ? -1 : end - at - 11).toInt()];
    }
    return counts;
}

// Empty when `counts` holds messages [0, n) once each and nothing else; otherwise a
// description of what is missing, doubled or foreign.
inline QString wrongCounts(const std::map<int, int>& counts, int n) {
    QStringList wrong;
    for (int i = 0; i < n; ++i) {
        auto it = counts.find(i);
        const int c = it == counts.end() ? 0 : it->second;
        if (c != 1) wrong << QStringLiteral("message %1 x%2").arg(i).arg(c);
    }
    for (const auto& [k, c] : counts)
        if (k < 0 || k >= n) wrong << QStringLiteral("unexpected %1 x%2").arg(k).arg(c);
    if (wrong.size() > 12) wrong = wrong.mid(0, 12) << QStringLiteral("...");
    return wrong.join(QStringLiteral(", "));
}

// Empty when messages [0, n) were each stored exactly once and nothing else was.
inline QString exactlyOnce(const EntryStore& store, int n) {
    return wrongCounts(messageCounts(store), n);
}

} // namespace vigil::testing
