// Settings nobody waits for are written on a background thread (views/backgroundsettings.h):
// QSettings' two fdatasync() calls a write held the GUI thread 360 ms while a deployment was
// read. A custom settings format records the thread each write of the file happens on.
#include "recordedsettings.h"

#include "views/backgroundsettings.h"

#include <QSettings>
#include <QStandardPaths>
#include <QThread>
#include <QtTest>

#include <atomic>

using namespace vigil;

namespace {
std::atomic<QThread*> s_writtenOn{nullptr};
std::atomic<int> s_writes{0};
} // namespace

class TestBackgroundSettings : public QObject {
    Q_OBJECT
  private Q_SLOTS:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("vigil-test"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_backgroundsettings"));
        settingstest::onSettingsWrite() = [] {
            s_writtenOn = QThread::currentThread();
            ++s_writes;
        };
        const QSettings::Format recorded = settingstest::registerRecordedFormat();
        QVERIFY(recorded != QSettings::InvalidFormat);
        QSettings::setDefaultFormat(recorded);
        QSettings().clear();
    }

    void writtenOffTheCallingThreadInOrder() {
        const int before = s_writes;
        for (int i = 1; i <= 20; ++i)
            writeSettingsInBackground(
                {{QStringLiteral("table/columns"), i}, {QStringLiteral("last"), i * 10}});
        waitForBackgroundSettings();
        QVERIFY(s_writes > before);
        QVERIFY(s_writtenOn.load() != nullptr);
        QVERIFY(s_writtenOn.load() != QThread::currentThread());
        QSettings settings;
        QCOMPARE(settings.value(QStringLiteral("table/columns")).toInt(), 20);
        QCOMPARE(settings.value(QStringLiteral("last")).toInt(), 200);
    }

    void anInvalidValueRemovesTheKey() {
        writeSettingsInBackground(
            {{QStringLiteral("session/selectedFile"), QStringLiteral("/var/log/app.log")}});
        writeSettingsInBackground({{QStringLiteral("session/selectedFile"), QVariant()},
                                   {QStringLiteral("session/roots"), QStringLiteral("/var/log")}});
        waitForBackgroundSettings();
        QSettings settings;
        QVERIFY(!settings.contains(QStringLiteral("session/selectedFile")));
        QCOMPARE(settings.value(QStringLiteral("session/roots")).toString(), QStringLiteral("/var/log"));
    }

    void cleanupTestCase() { QSettings().clear(); }
};

QTEST_GUILESS_MAIN(TestBackgroundSettings)
#include "tst_backgroundsettings.moc"
