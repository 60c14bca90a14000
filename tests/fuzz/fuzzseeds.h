#pragma once
// Seeds of a target's own kind, written when packaging/sanitize.sh runs the target with
// VIGIL_FUZZ_SEED_DIR set (and -runs=0) into a corpus that already holds pieces of the
// samples: rules files for the rules parser, filter expressions before sample lines for the
// field filter. Nothing is committed: the seeds come from the code and samples of the day.

#include <QByteArray>
#include <QDir>
#include <QFile>

#include <functional>

namespace vigil::fuzz {

inline QString seedDir() {
    return QString::fromLocal8Bit(qgetenv("VIGIL_FUZZ_SEED_DIR"));
}

inline void writeSeed(const QString& name, const QByteArray& bytes) {
    QFile f(QDir(seedDir()).filePath(name));
    if (f.open(QIODevice::WriteOnly)) f.write(bytes);
}

// Calls `each` with every file already in the seed folder (the sample pieces).
inline void forEachSeed(const std::function<void(const QByteArray&)>& each) {
    const QDir dir(seedDir());
    for (const QString& name : dir.entryList(QDir::Files)) {
        QFile f(dir.filePath(name));
        if (f.open(QIODevice::ReadOnly)) each(f.readAll());
    }
}

} // namespace vigil::fuzz
