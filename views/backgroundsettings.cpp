#include "backgroundsettings.h"

#include <QCoreApplication>
#include <QSettings>
#include <QThreadPool>

namespace vigil {

namespace {
QThreadPool& writer() {
    static QThreadPool* pool = [] {
        auto* p = new QThreadPool(QCoreApplication::instance());
        p->setMaxThreadCount(1); // one at a time: a later write lands last
        // Before the application's names go away with it, which name the settings file.
        QObject::connect(QCoreApplication::instance(), &QCoreApplication::aboutToQuit, p,
                         [p] { p->waitForDone(); });
        return p;
    }();
    return *pool;
}
} // namespace

void writeSettingsInBackground(SettingsValues values) {
    writer().start([values = std::move(values)] {
        QSettings settings;
        for (const auto& [key, value] : values) {
            if (value.isValid())
                settings.setValue(key, value);
            else
                settings.remove(key);
        }
    });
}

void waitForBackgroundSettings() {
    writer().waitForDone();
}

} // namespace vigil
