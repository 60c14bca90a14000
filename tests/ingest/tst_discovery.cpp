// Finding log files below roots: names, rotation and dates, gzip, symlink loops,
// binary files and sockets, unreadable folders.
#include "asunprivileged.h"
#include "ingesttesthelpers.h"

#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

using namespace vigil;
using namespace vigil::testing;

class TestDiscovery : public QObject {
    Q_OBJECT
  private Q_SLOTS:
    void logFileNames_data();
    void logFileNames();
    void findsEveryLayout();
    void survivesSymlinkLoops();
    void skipsBinaryFilesAndSockets();
    void unreadableFolderReported();
    void missingRootReported();
    void singleFileAsRoot();
    void instanceFromPathRule_data();
    void instanceFromPathRule();
};

void TestDiscovery::logFileNames_data() {
    QTest::addColumn<QString>("name");
    QTest::addColumn<bool>("isLog");
    QTest::newRow("app.log") << "app.log" << true;
    QTest::newRow("rotated") << "app.log.3" << true;
    QTest::newRow("rotated gz") << "app.log.1.gz" << true;
    QTest::newRow("gz") << "app.log.gz" << true;
    QTest::newRow("dated underscore") << "app_2024-01-04.log" << true;
    QTest::newRow("logrotate dateext") << "app.log-20240104" << true;
    QTest::newRow("dated suffix") << "app.log.2024-01-04" << true;
    QTest::newRow("jsonl") << "events.jsonl" << true;
    QTest::newRow("pid file") << "app.pid" << false;
    QTest::newRow("python") << "logger.py" << false;
    QTest::newRow("catalog") << "catalog" << false;
    QTest::newRow("log.bak") << "app.log.bak" << false;
}

void TestDiscovery::logFileNames() {
    QFETCH(QString, name);
    QFETCH(bool, isLog);
    QCOMPARE(isLogFileName(name), isLog);
}

void TestDiscovery::findsEveryLayout() {
    QTemporaryDir dir;
    const QStringList logs = {"logs/app.log",
                              "logs/error.log",
                              "logs/app.log.1",
                              "logs/app.log.5",
                              "instances/a/logs/app.log",
                              "svc/logs/app/app_2024-01-04.log",
                              "svc/logs/errors/error_2024-01-04.log",
                              "svc/audit/audit.log",
                              "svc/orchestrator.log"};
    for (const QString& l : logs)
        writeFile(dir.filePath(l), "2025-11-10 10:30:00 - m - INFO - x\n");
    writeFile(dir.filePath("svc/config.yaml"), "not: a log\n");
    writeGzip(dir.filePath("logs/app.log.2.gz"), "2025-11-10 10:30:00 - m - INFO - x\n");
    const Discovery found = discoverLogFiles({dir.path()});
    QStringList rel;
    for (const DiscoveredFile& f : found.files)
        rel << f.relativePath;
    QCOMPARE(rel.size(), logs.size() + 1);
    for (const QString& l : logs)
        QVERIFY2(rel.contains(l), qPrintable(l));
    QVERIFY(rel.contains("logs/app.log.2.gz"));
    QVERIFY(!rel.contains("svc/config.yaml"));
    QCOMPARE(found.readableRoots, 1);
    QVERIFY(found.errors.empty());
}

void TestDiscovery::survivesSymlinkLoops() {
    QTemporaryDir dir;
    writeFile(dir.filePath("svc/logs/app.log"), "2025-11-10 10:30:00 - m - INFO - x\n");
    QVERIFY(QFile::link(dir.filePath("svc"), dir.filePath("svc/logs/loop")));
    QVERIFY(QFile::link(dir.filePath("svc/logs/app.log"), dir.filePath("svc/alias.log")));
    QVERIFY(QFile::link(dir.filePath("nowhere"), dir.filePath("svc/dangling.log")));
    const Discovery found = discoverLogFiles({dir.path()});
    QCOMPARE(found.files.size(), std::size_t(1)); // one file, however many names lead to it
    QVERIFY(found.errors.empty());
}

void TestDiscovery::skipsBinaryFilesAndSockets() {
    QTemporaryDir dir;
    QByteArray binary(8192, '\0');
    for (int i = 0; i < binary.size(); i += 3)
        binary[i] = char(i * 7);
    writeFile(dir.filePath("svc/core.log"), binary);
    writeFile(dir.filePath("svc/app.log"), "2025-11-10 10:30:00 - m - INFO - x\n");
    const QString socketPath = dir.filePath("svc/agent.log");
    const int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    const QByteArray encoded = QFile::encodeName(socketPath);
    QVERIFY(encoded.size() < int(sizeof(addr.sun_path)));
    std::memcpy(addr.sun_path, encoded.constData(), encoded.size());
    QCOMPARE(::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)), 0);

    EntryStore store;
    const ScanOutcome outcome = scanInto(store, {dir.path()});
    ::close(fd);
    QCOMPARE(store.size(), 1u);
    QCOMPARE(outcome.errors.size(), std::size_t(2)); // both reported, neither read
    QVERIFY(outcome.errors[0].path.endsWith("agent.log"));
    QVERIFY(outcome.errors[0].message.contains("socket"));
    QVERIFY(outcome.errors[1].path.endsWith("core.log"));
    QVERIFY(outcome.errors[1].message.contains("binary"));
}

void TestDiscovery::unreadableFolderReported() {
    QTemporaryDir dir;
    QFile::setPermissions(dir.path(), QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                                          QFileDevice::ExeOwner | QFileDevice::ReadOther |
                                          QFileDevice::ExeOther);
    writeFile(dir.filePath("locked/app.log"), "2025-11-10 10:30:00 - m - INFO - x\n");
    writeFile(dir.filePath("open/app.log"), "2025-11-10 10:30:00 - m - INFO - x\n");
    QFile::setPermissions(dir.filePath("locked"), QFileDevice::Permissions());
    const QString root = dir.path();
    const int result = runUnprivileged([root] {
        const Discovery found = discoverLogFiles({root});
        if (found.files.size() != 1) return 1;
        if (found.errors.size() != 1 || !found.errors[0].path.endsWith("locked")) return 2;
        if (!found.errors[0].message.contains("ermission")) return 3;
        return found.readableRoots == 1 ? 0 : 4;
    });
    QFile::setPermissions(dir.filePath("locked"),
                          QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    if (result < 0) QSKIP("cannot drop privileges here");
    QCOMPARE(result, 0);
}

void TestDiscovery::missingRootReported() {
    const Discovery found = discoverLogFiles({"/nonexistent/vigil/root"});
    QCOMPARE(found.readableRoots, 0);
    QCOMPARE(found.errors.size(), std::size_t(1));
    QVERIFY(found.errors[0].message.contains("No such file"));
}

void TestDiscovery::singleFileAsRoot() {
    QTemporaryDir dir;
    writeFile(dir.filePath("svc/app.log"), "2025-11-10 10:30:00 - m - INFO - x\n");
    const Discovery found = discoverLogFiles({dir.filePath("svc/app.log")});
    QCOMPARE(found.files.size(), std::size_t(1));
    QCOMPARE(found.files[0].relativePath, QString("app.log"));
    QCOMPARE(found.readableRoots, 1);
}

void TestDiscovery::instanceFromPathRule_data() {
    QTest::addColumn<QString>("relative");
    QTest::addColumn<QString>("instance");
    QTest::newRow("instances folder") << "instances/eco-backend/logs/app.log"
                                      << "eco-backend";
    QTest::newRow("first folder") << "local-llm/logs/api.log"
                                  << "local-llm";
    QTest::newRow("service folder") << "octollm/orchestrator.log"
                                    << "octollm";
    QTest::newRow("bare logs folder") << "logs/app.log"
                                      << "deployment";
    QTest::newRow("in root") << "app.log"
                             << "deployment";
}

void TestDiscovery::instanceFromPathRule() {
    QFETCH(QString, relative);
    QFETCH(QString, instance);
    QCOMPARE(QString::fromStdString(instanceFromPath(relative, "/srv/deployment")), instance);
}

QTEST_APPLESS_MAIN(TestDiscovery)
#include "tst_discovery.moc"
