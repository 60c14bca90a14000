#pragma once
// Reads the sample deployment and EXPECTED.json directly (not through Vigil's parsers),
// so tests can derive expected counts from the files themselves.

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QString>
#include <QStringList>

namespace samples {

inline QString root() {
    return QStringLiteral(VIGIL_SHARED_DIR "/samples/deployment");
}

inline QJsonObject expected() {
    QFile f(QStringLiteral(VIGIL_SHARED_DIR "/samples/EXPECTED.json"));
    f.open(QIODevice::ReadOnly);
    return QJsonDocument::fromJson(f.readAll()).object();
}

// Every line of every sample log file.
inline QStringList allLines() {
    QStringList lines;
    QDirIterator it(root(), {QStringLiteral("*.log")}, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        QFile f(it.next());
        f.open(QIODevice::ReadOnly);
        for (const QByteArray& line : f.readAll().split('\n'))
            if (!line.isEmpty()) lines << QString::fromUtf8(line);
    }
    return lines;
}

inline int countLines(const QStringList& lines, const QString& needle,
                      Qt::CaseSensitivity cs = Qt::CaseSensitive) {
    int n = 0;
    for (const QString& l : lines)
        n += l.contains(needle, cs) ? 1 : 0;
    return n;
}

inline int countLines(const QStringList& lines, const QRegularExpression& re) {
    int n = 0;
    for (const QString& l : lines)
        n += re.match(l).hasMatch() ? 1 : 0;
    return n;
}

} // namespace samples
