#pragma once
// A QSettings file format that tells the test which thread writes the file: every write
// calls onSettingsWrite() on the writing thread, then stores the map as QDataStream does.

#include <QDataStream>
#include <QIODevice>
#include <QSettings>

#include <functional>

namespace settingstest {

inline std::function<void()>& onSettingsWrite() {
    static std::function<void()> callback;
    return callback;
}

// Registers the format; InvalidFormat on failure.
inline QSettings::Format registerRecordedFormat() {
    const auto read = [](QIODevice& device, QSettings::SettingsMap& map) {
        QDataStream in(&device);
        in >> map;
        return in.status() == QDataStream::Ok || device.size() == 0;
    };
    const auto write = [](QIODevice& device, const QSettings::SettingsMap& map) {
        if (onSettingsWrite()) onSettingsWrite()();
        QDataStream out(&device);
        out << map;
        return out.status() == QDataStream::Ok;
    };
    return QSettings::registerFormat(QStringLiteral("rec"), read, write);
}

} // namespace settingstest
