#pragma once
// A deployment with 30 days of history ending now, as daily rotation leaves it: per instance
// the current app.log (the last 24 h), dated plain backups for days 1-14
// (app.log.2026-11-28 ...) and gzip-compressed dated backups for days 15-30, each file's
// modification time at its last entry; plus an error.log of the last 3 hours. Timestamps are
// naive (read as UTC). One plain backup was touched today (its content stays old) and one
// ends with a traceback, so "old" must be decided by the last entry, not the file's time.

#include "ingesttesthelpers.h"

#include <QDateTime>
#include <QDirIterator>
#include <QFileInfo>

#include <algorithm>
#include <utility>
#include <vector>

#include <sys/time.h>

namespace vigil::testing {

struct DatedDeployment {
    qint64 nowSecs = 0;
    int files = 0;       // all log files written
    int recentFiles = 0; // files holding entries of the last 6 hours
    int entries = 0;     // in all files
};

inline void setModified(const QString& path, qint64 secs) {
    struct timeval times[2] = {{time_t(secs), 0}, {time_t(secs), 0}};
    utimes(QFile::encodeName(path).constData(), times);
}

inline QByteArray datedLines(const QString& instance, qint64 from, qint64 to, int step, int* counter) {
    QByteArray out;
    // Oldest first, the last line exactly at `to`.
    for (qint64 t = to - ((to - from - 1) / step) * step; t <= to; t += step) {
        const QString when =
            QDateTime::fromSecsSinceEpoch(t, Qt::UTC).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
        const char* level = (*counter % 17 == 0) ? "ERROR" : "INFO";
        out += QStringLiteral("%1 - [%2] - app.worker - %3 - handled request %4\n")
                   .arg(when, instance, QLatin1String(level))
                   .arg(++*counter)
                   .toUtf8();
    }
    return out;
}

inline DatedDeployment writeDatedDeployment(const QString& root) {
    DatedDeployment d;
    d.nowSecs = QDateTime::currentSecsSinceEpoch() - 60;
    int counter = 0;
    constexpr qint64 kDay = 86400;
    for (const QString& instance : {QStringLiteral("alpha"), QStringLiteral("beta")}) {
        const QString logs = root + QStringLiteral("/instances/") + instance + QStringLiteral("/logs/");
        writeFile(logs + "app.log", datedLines(instance, d.nowSecs - kDay, d.nowSecs, 300, &counter));
        setModified(logs + "app.log", d.nowSecs);
        d.files++;
        d.recentFiles++;
        for (int day = 1; day <= 30; ++day) {
            const qint64 end = d.nowSecs - day * kDay;
            const QString date =
                QDateTime::fromSecsSinceEpoch(end, Qt::UTC).toString(QStringLiteral("yyyy-MM-dd"));
            QByteArray lines = datedLines(instance, end - kDay, end, 1800, &counter);
            if (day == 3)
                lines += "Traceback (most recent call last):\n  File \"worker.py\", line 9\nValueError: x\n";
            const QString path = logs + "app.log." + date + (day > 14 ? ".gz" : "");
            if (day > 14)
                writeGzip(path, lines);
            else
                writeFile(path, lines);
            // Day 2's backup was copied today: a new time, old content.
            setModified(path, day == 2 ? d.nowSecs : end);
            d.files++;
        }
    }
    const QString errors = root + QStringLiteral("/logs/error.log");
    writeFile(errors,
              datedLines(QStringLiteral("alpha"), d.nowSecs - 3 * 3600, d.nowSecs - 120, 600, &counter));
    d.files++;
    d.recentFiles++;
    d.entries = counter;
    return d;
}

// (time, text) of the entries at or after `sinceUs`, sorted: comparable across two reads.
inline std::vector<std::pair<std::int64_t, QString>> entriesSince(const EntryStore& store,
                                                                  std::int64_t sinceUs) {
    std::vector<std::pair<std::int64_t, QString>> out;
    for (std::uint64_t i = store.beginIndex().value; i < store.endIndex().value; ++i)
        if (store.timeUs(EntryIndex(i)) >= sinceUs)
            out.emplace_back(store.timeUs(EntryIndex(i)), entryText(store, EntryIndex(i)));
    std::sort(out.begin(), out.end());
    return out;
}

// Bytes of every file below `root`: what reading it all must account for.
inline std::uint64_t bytesOnDisk(const QString& root) {
    std::uint64_t total = 0;
    QDirIterator it(root, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext())
        total += std::uint64_t(QFileInfo(it.next()).size());
    return total;
}

} // namespace vigil::testing
