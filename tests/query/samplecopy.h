#pragma once
// A second root made by copying the sample deployment, for tests of two roots that hold
// same-named instances and same-named files. Its files can be dated back, so that the
// copy reads as an old deployment rather than one being written.

#include "samplefiles.h"

#include <QDateTime>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>

namespace samples {

// Copies the samples to `folder` (created); returns the number of files copied. With
// `ageSeconds`, their modification times are set that far back.
inline int copyTo(const QString& folder, qint64 ageSeconds = 0) {
    int copied = 0;
    const QDir source(root());
    QDirIterator it(root(), QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString from = it.next();
        const QString to = QDir(folder).filePath(source.relativeFilePath(from));
        QDir().mkpath(QFileInfo(to).absolutePath());
        if (!QFile::copy(from, to)) continue;
        ++copied;
        if (ageSeconds > 0) {
            QFile f(to);
            f.open(QIODevice::ReadWrite);
            f.setFileTime(QDateTime::currentDateTime().addSecs(-ageSeconds),
                          QFileDevice::FileModificationTime);
        }
    }
    return copied;
}

// Entries of one sample file, from EXPECTED.json.
inline int fileEntries(const QString& relativePath) {
    return expected()[QStringLiteral("files")]
        .toObject()[relativePath]
        .toObject()[QStringLiteral("entries")]
        .toInt();
}

} // namespace samples
