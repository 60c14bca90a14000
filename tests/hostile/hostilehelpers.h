#pragma once
// Helpers for the hostile-files suite: peak memory and time of one step, gzip members
// written fast, sparse files.

#include "../follow/followtesthelpers.h"
#include "../sanitizedbuild.h"

#include <QElapsedTimer>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace vigil::testing {

// Time and memory bounds are multiplied by this: sanitizer builds run several times slower
// and keep freed memory in quarantine. The bounds stay far below what the unbounded
// behaviour costs (seconds to minutes, hundreds of MiB to GiB).
#ifdef VIGIL_TEST_SANITIZED
constexpr int kSlack = 3;
#else
constexpr int kSlack = 1;
#endif

// Resident memory at its peak since resetPeakMemory(), in bytes (VmHWM).
inline std::uint64_t peakMemory() {
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly)) return 0;
    for (const QByteArray& line : f.readAll().split('\n'))
        if (line.startsWith("VmHWM:")) return line.mid(6).trimmed().split(' ').value(0).toULongLong() * 1024;
    return 0;
}

inline std::uint64_t residentMemory() {
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly)) return 0;
    for (const QByteArray& line : f.readAll().split('\n'))
        if (line.startsWith("VmRSS:")) return line.mid(6).trimmed().split(' ').value(0).toULongLong() * 1024;
    return 0;
}

// How far the peak rose above `before` (0 when the reset left it lower).
inline std::uint64_t peakAbove(std::uint64_t before) {
    const std::uint64_t peak = peakMemory();
    return peak > before ? peak - before : 0;
}

// Makes VmHWM start again from the current resident size.
inline bool resetPeakMemory() {
    QFile f(QStringLiteral("/proc/self/clear_refs"));
    return f.open(QIODevice::WriteOnly) && f.write("5") == 1;
}

// One gzip member holding `bytes`.
inline QByteArray gzipMember(const QByteArray& bytes, int level = 1) {
    z_stream z{};
    deflateInit2(&z, level, Z_DEFLATED, 16 + MAX_WBITS, 9, Z_DEFAULT_STRATEGY);
    QByteArray out(int(deflateBound(&z, uLong(bytes.size()))), '\0');
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.constData()));
    z.avail_in = uInt(bytes.size());
    z.next_out = reinterpret_cast<Bytef*>(out.data());
    z.avail_out = uInt(out.size());
    deflate(&z, Z_FINISH);
    out.resize(int(z.total_out));
    deflateEnd(&z);
    return out;
}

// Extends a file by a hole of `bytes` (no disk blocks), then appends `tail`.
inline void appendHole(const QString& path, qint64 bytes, const QByteArray& tail) {
    const int fd = ::open(QFile::encodeName(path).constData(), O_WRONLY | O_CREAT, 0644);
    QVERIFY(fd >= 0);
    struct stat st {};
    fstat(fd, &st);
    QCOMPARE(::ftruncate(fd, st.st_size + bytes), 0);
    QCOMPARE(::pwrite(fd, tail.constData(), size_t(tail.size()), st.st_size + bytes), ssize_t(tail.size()));
    ::close(fd);
}

inline int openDescriptors() {
    return int(QDir(QStringLiteral("/proc/self/fd"))
                   .entryList(QDir::AllEntries | QDir::System | QDir::NoDotAndDotDot)
                   .size());
}

} // namespace vigil::testing
