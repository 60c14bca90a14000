#pragma once
// Small helpers for ingest tests: write files into a temporary deployment, scan it.

#include "models/ingest/scanner.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <zlib.h>

namespace vigil::testing {

inline void writeFile(const QString& path, const QByteArray& bytes) {
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    QVERIFY2(f.open(QIODevice::WriteOnly), qPrintable(path));
    f.write(bytes);
}

// `lines` lines of the Python logging format, one a second from 10:00:00, logged by
// "svc<file>", every `errorEvery`-th at ERROR and the others at INFO: "... - line <i>".
inline QByteArray numberedLog(int file, int lines, int errorEvery) {
    QByteArray log;
    for (int i = 0; i < lines; ++i)
        log += QStringLiteral("2025-11-10 10:%1:%2 - svc%3 - %4 - line %5\n")
                   .arg(i / 3600 % 60, 2, 10, QLatin1Char('0'))
                   .arg(i / 60 % 60, 2, 10, QLatin1Char('0'))
                   .arg(file)
                   .arg(i % errorEvery == 0 ? QStringLiteral("ERROR") : QStringLiteral("INFO"))
                   .arg(i)
                   .toUtf8();
    return log;
}

inline void writeGzip(const QString& path, const QByteArray& bytes) {
    QDir().mkpath(QFileInfo(path).absolutePath());
    gzFile gz = gzopen(QFile::encodeName(path).constData(), "wb");
    QVERIFY(gz);
    gzwrite(gz, bytes.constData(), unsigned(bytes.size()));
    gzclose(gz);
}

inline const SourceInfo* sourceByPath(const EntryStore& store, const QString& relativePath) {
    for (std::uint32_t i = 0; i < store.sources().size(); ++i)
        if (store.sources()[FileId(i)].relativePath == relativePath) return &store.sources()[FileId(i)];
    return nullptr;
}

inline QString entryText(const EntryStore& store, EntryIndex i) {
    std::string text;
    store.readText(i, text);
    return QString::fromUtf8(text.data(), int(text.size()));
}

} // namespace vigil::testing
