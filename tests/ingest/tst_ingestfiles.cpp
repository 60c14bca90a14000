// Files through the real scan path: multi-line entries, raw lines, duplicates, gzip, and
// every kind of bad input FORMATS.md and the ingest issue name. Nothing may be lost.
#include "asunprivileged.h"
#include "ingesttesthelpers.h"

#include "models/ingest/filetail.h"
#include "models/parse/formatid.h"
#include "models/store/entryflags.h"

#include <unistd.h>

using namespace vigil;
using namespace vigil::testing;

class TestIngestFiles : public QObject {
    Q_OBJECT
  private Q_SLOTS:
    void tracebackBelongsToEntryAbove();
    void lastLineWithoutNewline();
    void rawLinesAreKept();
    void truncatedJsonShownRaw();
    void invalidUtf8AndNulBytes();
    void byteOrderMarkAndCrlf();
    void megabyteLines();
    void duplicatesAcrossAppAndErrorLog();
    void gzipBackupIsRead();
    void corruptGzipReported();
    void emptyFile();
    void permissionDenied();
    void fileDeletedWhileRead();
    void fileDeletedBeforeRead();
    void instanceRules();
};

void TestIngestFiles::tracebackBelongsToEntryAbove() {
    QTemporaryDir dir;
    const QByteArray log =
        "2025-11-10 10:20:00 - [eco-backend] - main - ERROR - [main:chat:214] - Request failed\n"
        "Traceback (most recent call last):\n"
        "  File \"/srv/app/main.py\", line 212, in chat\n"
        "TimeoutError: upstream timed out after 30s\n"
        "\n"
        "2025-11-10 10:20:01 - [eco-backend] - main - INFO - next\n";
    writeFile(dir.filePath("instances/eco-backend/logs/app.log"), log);
    EntryStore store;
    scanInto(store, {dir.path()});
    QCOMPARE(store.size(), 2u);
    const SourceInfo* s = sourceByPath(store, "instances/eco-backend/logs/app.log");
    QVERIFY(s);
    QCOMPARE(s->lines, 6u);
    QCOMPARE(s->entries, 2u);
    QCOMPARE(s->byteCount, std::uint64_t(log.size()));
    const QString first = entryText(store, store.beginIndex());
    QVERIFY(first.startsWith("2025-11-10 10:20:00"));
    QVERIFY(first.contains("TimeoutError: upstream timed out after 30s"));
    QVERIFY(store.flags(store.beginIndex()) & FlagMultiLine);
    QCOMPARE(store.level(store.beginIndex()), Level::Error);
    QCOMPARE(entryText(store, EntryIndex(1)),
             QString("2025-11-10 10:20:01 - [eco-backend] - main - INFO - next"));
}

void TestIngestFiles::lastLineWithoutNewline() {
    QTemporaryDir dir;
    writeFile(dir.filePath("svc/a.log"),
              "2025-11-10 10:20:00 - m - INFO - one\n2025-11-10 10:20:01 - m - INFO - two");
    EntryStore store;
    scanInto(store, {dir.path()});
    const SourceInfo* s = sourceByPath(store, "svc/a.log");
    QCOMPARE(s->lines, 2u);
    QCOMPARE(s->entries, 2u);
    QCOMPARE(entryText(store, EntryIndex(1)), QString("2025-11-10 10:20:01 - m - INFO - two"));
}

void TestIngestFiles::rawLinesAreKept() {
    QTemporaryDir dir;
    writeFile(dir.filePath("svc/app.log"),
              "starting up without a timestamp\n"
              "{\"timestamp\": \"2025-11-10T10:20:00Z\", \"level\": \"INFO\", \"message\": \"ok\"}\n"
              "plain words in a json file\n"
              "another plain line\n");
    EntryStore store;
    scanInto(store, {dir.path()});
    QCOMPARE(store.size(), 4u);
    QCOMPARE(store.counters().unparsed, 3u);
    QCOMPARE(store.format(EntryIndex(0)), FormatId::Raw);
    QCOMPARE(store.level(EntryIndex(0)), Level::None);
    QCOMPARE(store.format(EntryIndex(1)), FormatId::GenericJson);
    QCOMPARE(entryText(store, EntryIndex(2)), QString("plain words in a json file"));
    // Raw entries take the instance from the path and the time of the entry before them.
    QCOMPARE(QString::fromStdString(std::string(store.instances().text(store.instance(EntryIndex(2)).value))),
             QString("svc"));
    QCOMPARE(store.timeUs(EntryIndex(2)), store.timeUs(EntryIndex(1)));
    QVERIFY(store.flags(EntryIndex(2)) & FlagInheritedTime);
}

void TestIngestFiles::truncatedJsonShownRaw() {
    QTemporaryDir dir;
    const QByteArray truncated =
        R"({"timestamp": "2025-11-10T10:20:00Z", "level": "ERROR", "message": "cut off)";
    writeFile(dir.filePath("svc/app.log"),
              "{\"timestamp\": \"2025-11-10T10:19:59Z\", \"level\": \"INFO\", \"message\": \"whole\"}\n" +
                  truncated + "\n");
    EntryStore store;
    scanInto(store, {dir.path()});
    QCOMPARE(store.size(), 2u);
    QCOMPARE(store.format(EntryIndex(1)), FormatId::Raw);
    QCOMPARE(store.level(EntryIndex(1)), Level::None);
    QCOMPARE(entryText(store, EntryIndex(1)), QString::fromUtf8(truncated));
}

void TestIngestFiles::invalidUtf8AndNulBytes() {
    QTemporaryDir dir;
    QByteArray log = "2025-11-10 10:20:00 - m - WARNING - bad bytes \xff\xfe here\n";
    log +=
        QByteArray("2025-11-10 10:20:01 - m - INFO - nul ") + QByteArray(1, '\0') + QByteArray(" inside\n");
    writeFile(dir.filePath("svc/app.log"), log);
    EntryStore store;
    scanInto(store, {dir.path()});
    QCOMPARE(store.size(), 2u);
    QCOMPARE(store.level(EntryIndex(0)), Level::Warning);
    QVERIFY(entryText(store, EntryIndex(0)).contains(QChar(0xFFFD)));
    std::string raw;
    QVERIFY(store.readText(EntryIndex(1), raw));
    QCOMPARE(raw.size(), std::size_t(log.size() - log.indexOf('\n') - 2));
    QVERIFY(raw.find('\0') != std::string::npos);
    QCOMPARE(store.level(EntryIndex(1)), Level::Info);
}

void TestIngestFiles::byteOrderMarkAndCrlf() {
    QTemporaryDir dir;
    writeFile(dir.filePath("svc/app.log"),
              "\xEF\xBB\xBF{\"timestamp\": \"2025-11-10T10:20:00Z\", \"level\": \"warn\", "
              "\"message\": \"first\"}\r\n"
              "2025-11-10 10:20:01 - m - ERROR - crlf line\r\n"
              "  continuation\r\n");
    EntryStore store;
    scanInto(store, {dir.path()});
    QCOMPARE(store.size(), 2u);
    QCOMPARE(store.format(EntryIndex(0)), FormatId::GenericJson);
    QCOMPARE(store.level(EntryIndex(0)), Level::Warning);
    QCOMPARE(store.offset(EntryIndex(0)), 3u);
    QCOMPARE(store.level(EntryIndex(1)), Level::Error);
    QCOMPARE(entryText(store, EntryIndex(1)),
             QString("2025-11-10 10:20:01 - m - ERROR - crlf line\r\n  continuation"));
    QCOMPARE(sourceByPath(store, "svc/app.log")->lines, 3u);
}

void TestIngestFiles::megabyteLines() {
    QTemporaryDir dir;
    const QByteArray big(3 << 20, 'x');
    QByteArray log =
        "{\"timestamp\": \"2025-11-10T10:20:00Z\", \"level\": \"INFO\", \"message\": \"" + big + "\"}\n";
    log += "2025-11-10 10:20:01 - m - DEBUG - " + QByteArray(5 << 20, 'y') + "\n";
    log += "2025-11-10 10:20:02 - m - INFO - after\n";
    writeFile(dir.filePath("svc/app.log"), log);
    EntryStore store;
    scanInto(store, {dir.path()});
    QCOMPARE(store.size(), 3u);
    QCOMPARE(store.format(EntryIndex(0)), FormatId::GenericJson);
    QCOMPARE(store.level(EntryIndex(1)), Level::Debug);
    QCOMPARE(store.length(EntryIndex(1)), std::uint32_t(34 + (5 << 20)));
    QCOMPARE(entryText(store, EntryIndex(2)), QString("2025-11-10 10:20:02 - m - INFO - after"));
}

void TestIngestFiles::duplicatesAcrossAppAndErrorLog() {
    QTemporaryDir dir;
    const QByteArray error1 =
        "2025-11-10 10:20:00 - [api] - main - ERROR - failed one\nTraceback (most recent call last):\n"
        "ValueError: x\n";
    const QByteArray error2 = "2025-11-10 10:20:02 - [api] - main - CRITICAL - failed two\n";
    writeFile(dir.filePath("api/logs/app.log"),
              "2025-11-10 10:19:59 - [api] - main - INFO - fine\n" + error1 +
                  "2025-11-10 10:20:01 - [api] - main - INFO - fine again\n" + error2);
    writeFile(dir.filePath("api/logs/error.log"), error1 + error2);
    // Another instance writing the same text is not a duplicate.
    writeFile(dir.filePath("other/logs/app.log"), QByteArray(error2).replace("[api]", "[other]"));
    EntryStore store;
    scanInto(store, {dir.path()});
    QCOMPARE(store.size(), 4u + 2u + 1u);
    QCOMPARE(store.counters().duplicates, 2u);
    const std::uint32_t api = store.instances().find("api");
    QVERIFY(api != StringInterner::kNotFound);
    QCOMPARE(store.counters().errorsByInstance[api], 2u);
    const std::uint32_t other = store.instances().find("other");
    QCOMPARE(store.counters().errorsByInstance[other], 1u);
}

void TestIngestFiles::gzipBackupIsRead() {
    QTemporaryDir dir;
    const QByteArray old = "2025-11-10 10:00:00 - [svc] - m - INFO - from the backup\n"
                           "2025-11-10 10:00:01 - [svc] - m - ERROR - backup error\n";
    writeGzip(dir.filePath("svc/logs/app.log.1.gz"), old);
    writeFile(dir.filePath("svc/logs/app.log"), "2025-11-10 10:30:00 - [svc] - m - INFO - current\n");
    EntryStore store;
    const ScanOutcome outcome = scanInto(store, {dir.path()});
    QVERIFY(outcome.errors.empty());
    QCOMPARE(store.size(), 3u);
    const SourceInfo* gz = sourceByPath(store, "svc/logs/app.log.1.gz");
    QVERIFY(gz);
    QCOMPARE(gz->entries, 2u);
    QCOMPARE(gz->byteCount, std::uint64_t(old.size())); // decompressed bytes
    bool found = false;
    for (std::uint64_t i = 0; i < store.size(); ++i)
        found = found ||
                entryText(store, EntryIndex(i)) == "2025-11-10 10:00:01 - [svc] - m - ERROR - backup error";
    QVERIFY(found);
}

void TestIngestFiles::corruptGzipReported() {
    QTemporaryDir dir;
    writeFile(dir.filePath("svc/logs/app.log.2.gz"), QByteArray("\x1f\x8b\x08\x00garbage-not-deflate", 23));
    writeFile(dir.filePath("svc/logs/app.log"), "2025-11-10 10:30:00 - m - INFO - fine\n");
    EntryStore store;
    const ScanOutcome outcome = scanInto(store, {dir.path()});
    QCOMPARE(store.size(), 1u);
    QCOMPARE(outcome.errors.size(), std::size_t(1));
    QVERIFY(outcome.errors[0].path.endsWith("app.log.2.gz"));
    QVERIFY(!outcome.errors[0].message.isEmpty());
}

void TestIngestFiles::emptyFile() {
    QTemporaryDir dir;
    writeFile(dir.filePath("svc/empty.log"), "");
    EntryStore store;
    const ScanOutcome outcome = scanInto(store, {dir.path()});
    QCOMPARE(outcome.files.size(), std::size_t(1));
    QCOMPARE(store.size(), 0u);
    QVERIFY(outcome.errors.empty());
}

void TestIngestFiles::permissionDenied() {
    QTemporaryDir dir;
    QFile::setPermissions(dir.path(), QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                                          QFileDevice::ExeOwner | QFileDevice::ReadOther |
                                          QFileDevice::ExeOther);
    writeFile(dir.filePath("svc/secret.log"), "2025-11-10 10:30:00 - m - INFO - hidden\n");
    writeFile(dir.filePath("svc/open.log"), "2025-11-10 10:30:00 - m - INFO - visible\n");
    QFile::setPermissions(dir.filePath("svc/secret.log"), QFileDevice::Permissions());
    const QString root = dir.path();
    const int result = runUnprivileged([root] {
        EntryStore store;
        const ScanOutcome outcome = scanInto(store, {root});
        if (store.size() != 1) return 1;
        if (outcome.errors.size() != 1) return 2;
        if (!outcome.errors[0].path.endsWith("secret.log")) return 3;
        if (!outcome.errors[0].message.contains("ermission")) return 4;
        return outcome.readableRoots == 1 ? 0 : 5;
    });
    if (result < 0) QSKIP("cannot drop privileges here");
    QCOMPARE(result, 0);
}

void TestIngestFiles::fileDeletedWhileRead() {
    QTemporaryDir dir;
    QByteArray log;
    for (int i = 0; i < 20000; ++i)
        log += "2025-11-10 10:30:00 - m - INFO - line " + QByteArray::number(i) + "\n";
    const QString path = dir.filePath("svc/app.log");
    writeFile(path, log);
    FileTail tail(FileId(0), path, "svc", false);
    QVERIFY(tail.open());
    QVERIFY(QFile::remove(path)); // the descriptor keeps the data
    std::size_t entries = 0;
    QVERIFY(tail.readAvailable([&](EntryBatch&& b) { entries += b.size(); }, 1000));
    tail.finish([&](EntryBatch&& b) { entries += b.size(); });
    QCOMPARE(entries, std::size_t(20000));
    std::string text;
    QVERIFY(tail.byteSource()->read(0, 36, text));
    QCOMPARE(QString::fromStdString(text), QString("2025-11-10 10:30:00 - m - INFO - lin"));
}

void TestIngestFiles::fileDeletedBeforeRead() {
    QTemporaryDir dir;
    const QString path = dir.filePath("svc/app.log");
    writeFile(path, "2025-11-10 10:30:00 - m - INFO - soon gone\n");
    FileTail tail(FileId(0), path, "svc", false);
    QFile::remove(path);
    QVERIFY(!tail.open());
    QVERIFY(tail.error().contains("deleted"));
    QVERIFY(!tail.readAvailable([](EntryBatch&&) {}));
}

void TestIngestFiles::instanceRules() {
    QTemporaryDir dir;
    writeFile(dir.filePath("instances/eco-a/logs/app.log"),
              "2025-11-10 10:30:00 - m - INFO - by path\n"
              "2025-11-10 10:30:00 - [tagged] - m - INFO - by tag\n");
    writeFile(dir.filePath("local-llm/logs/api.log"),
              "{\"timestamp\": \"2025-11-10T10:30:00\", \"level\": \"INFO\", \"message\": \"x\"}\n"
              "{\"timestamp\": \"2025-11-10T10:30:00\", \"level\": \"INFO\", \"message\": \"x\", \"app\": "
              "\"a\", \"service\": \"s\"}\n"
              "{\"timestamp\": \"2025-11-10T10:30:00\", \"level\": \"INFO\", \"message\": \"x\", \"app\": "
              "\"a\"}\n");
    EntryStore store;
    scanInto(store, {dir.path()});
    QStringList names;
    for (std::uint64_t i = 0; i < store.size(); ++i)
        names << QString::fromStdString(
            std::string(store.instances().text(store.instance(EntryIndex(i)).value)));
    names.sort();
    QCOMPARE(names, QStringList({"a", "eco-a", "local-llm", "s", "tagged"}));
}

QTEST_APPLESS_MAIN(TestIngestFiles)
#include "tst_ingestfiles.moc"
