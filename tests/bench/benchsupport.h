#pragma once
// Shared by the benchmark executables: corpus generation and process memory readings.

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QString>
#include <QTextStream>

#include <cstdint>
#include <unistd.h>

namespace vigil::bench {

// Writes a static corpus of `mb` megabytes with the shared generator unless `dir` holds one.
inline bool ensureCorpus(const QString& dir, int mb) {
    if (QDir(dir).exists() && !QDir(dir).isEmpty()) return true;
    QTextStream(stdout) << "writing a " << mb << " MB corpus to " << dir << " ...\n" << Qt::flush;
    QProcess p;
    p.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    p.start(QStringLiteral("python3"), {QStringLiteral(VIGIL_SHARED_DIR) + "/tools/corpus.py", "static", dir, "--mb",
                                        QString::number(mb), "--seed", "7"});
    return p.waitForFinished(-1) && p.exitCode() == 0;
}

// A field of /proc/self/status in bytes (VmHWM, VmRSS, RssAnon, RssFile).
inline std::uint64_t procStatusBytes(const char* field) {
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly)) return 0;
    const QByteArray key = QByteArray(field) + ':';
    for (const QByteArray& line : f.readAll().split('\n'))
        if (line.startsWith(key)) return line.mid(key.size()).trimmed().split(' ').value(0).toULongLong() * 1024;
    return 0;
}

inline bool dropPageCache() {
    QFile f(QStringLiteral("/proc/sys/vm/drop_caches"));
    ::sync();
    return f.open(QIODevice::WriteOnly) && f.write("3\n") == 2;
}

} // namespace vigil::bench
