#pragma once
// Shared by the benchmark executables: corpus generation, process memory and CPU time readings.

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QString>
#include <QTextStream>

#include <cstdint>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

namespace vigil::bench {

// Writes a static corpus of `mb` megabytes with the shared generator unless `dir` holds one.
inline bool ensureCorpus(const QString& dir, int mb) {
    if (QDir(dir).exists() && !QDir(dir).isEmpty()) return true;
    QTextStream(stdout) << "writing a " << mb << " MB corpus to " << dir << " ...\n" << Qt::flush;
    QProcess p;
    p.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    p.start(QStringLiteral("python3"), {QStringLiteral(VIGIL_SHARED_DIR) + "/tools/corpus.py", "static", dir,
                                        "--mb", QString::number(mb), "--seed", "7"});
    return p.waitForFinished(-1) && p.exitCode() == 0;
}

// The process's minor page faults so far (all threads): fresh memory, files mapped.
inline long processMinorFaults() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_minflt;
}

// A field of /proc/self/status in bytes (VmHWM, VmRSS, RssAnon, RssFile).
inline std::uint64_t procStatusBytes(const char* field) {
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly)) return 0;
    const QByteArray key = QByteArray(field) + ':';
    for (const QByteArray& line : f.readAll().split('\n'))
        if (line.startsWith(key))
            return line.mid(key.size()).trimmed().split(' ').value(0).toULongLong() * 1024;
    return 0;
}

// Wall and CPU time (user and system, all threads of the process) since construction: CPU
// time tells what a run cost on a machine shared with other work, where wall time does not.
class Stopwatch {
  public:
    Stopwatch() { restart(); }
    void restart() {
        m_wall = now();
        cpu(m_user, m_system);
    }
    double wall() const { return now() - m_wall; }
    double user() const {
        double u, s;
        cpu(u, s);
        return u - m_user;
    }
    double system() const {
        double u, s;
        cpu(u, s);
        return s - m_system;
    }
    // "0.712 s wall, 0.650 s user + 0.040 s sys"
    QString text() const {
        double u, s;
        cpu(u, s);
        return QString::asprintf("%.3f s wall, %.3f s user + %.3f s sys", wall(), u - m_user, s - m_system);
    }

  private:
    static double now() {
        timespec t{};
        clock_gettime(CLOCK_MONOTONIC, &t);
        return double(t.tv_sec) + double(t.tv_nsec) / 1e9;
    }
    static void cpu(double& user, double& system) {
        rusage r{};
        getrusage(RUSAGE_SELF, &r);
        user = double(r.ru_utime.tv_sec) + double(r.ru_utime.tv_usec) / 1e6;
        system = double(r.ru_stime.tv_sec) + double(r.ru_stime.tv_usec) / 1e6;
    }
    double m_wall = 0, m_user = 0, m_system = 0;
};

inline bool dropPageCache() {
    QFile f(QStringLiteral("/proc/sys/vm/drop_caches"));
    ::sync();
    return f.open(QIODevice::WriteOnly) && f.write("3\n") == 2;
}

} // namespace vigil::bench
