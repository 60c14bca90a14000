// A file's bytes handed out in place through its mapping (FileByteSource::scan): the same
// bytes as pread, bytes appended later seen without mapping again, and a file cut short in
// the middle of a scan (copytruncate) turning into a second run over what pread still finds,
// where it would otherwise kill the process with SIGBUS. A SIGBUS outside a guarded read
// still kills. A followed file (StreamByteSource, one file per generation) is handed out in
// place too: the window follows every file it opens, and its searches read through it.

#include "models/ingest/faultguard.h"
#include "models/ingest/filebytesource.h"
#include "models/ingest/streambytesource.h"

#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QtTest>

#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <spawn.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <string>
#include <vector>

using namespace vigil;

namespace {

std::string pattern(std::size_t size) {
    std::string s(size, ' ');
    for (std::size_t i = 0; i < size; ++i)
        s[i] = char('a' + (i * 7 + i / 4096) % 26);
    return s;
}

void writeAll(const QString& path, const std::string& bytes, bool append = false) {
    QFile f(path);
    if (!f.open(append ? QIODevice::Append : QIODevice::WriteOnly) ||
        f.write(bytes.data(), qint64(bytes.size())) != qint64(bytes.size()))
        qFatal("cannot write %s", qPrintable(path));
}

std::unique_ptr<FileByteSource> openSource(const QString& path) {
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) qFatal("cannot open %s", qPrintable(path));
    return std::make_unique<FileByteSource>(fd, QFile::encodeName(path));
}

// What a scan was handed, each time it was called.
struct Seen {
    std::vector<std::string> runs;
    static void record(void* context, const char* data, std::size_t size) {
        static_cast<Seen*>(context)->runs.emplace_back(data, size);
    }
};

// Where a scan's bytes were, and what they were.
struct Where {
    const char* data = nullptr;
    std::string bytes;
    static void record(void* context, const char* data, std::size_t size) {
        static_cast<Where*>(context)->data = data;
        static_cast<Where*>(context)->bytes.assign(data, size);
    }
};

// Cuts the file short on its first run, then touches the bytes past the cut.
struct CutMidway {
    const char* path;
    off_t cut;
    int runs = 0;
    std::size_t lastSize = 0;
    unsigned sum = 0;
    static void run(void* context, const char* data, std::size_t size) {
        CutMidway& c = *static_cast<CutMidway*>(context);
        ++c.runs;
        c.lastSize = size;
        if (c.runs == 1 && ::truncate(c.path, c.cut) != 0) return;
        for (std::size_t i = 0; i < size; i += 512)
            c.sum += static_cast<unsigned char>(data[i]);
    }
};

} // namespace

class TestFileMapping : public QObject {
    Q_OBJECT
  private Q_SLOTS:
    void sameBytesAsRead() {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("app.log"));
        const std::string bytes = pattern(3 * 1024 * 1024 + 77);
        writeAll(path, bytes);
        const auto source = openSource(path);
        QRandomGenerator rng(5);
        std::string scratch, read;
        for (int i = 0; i < 200; ++i) {
            const std::uint64_t offset = rng.bounded(int(bytes.size()));
            const std::uint32_t length = rng.bounded(int(bytes.size() - offset) + 1);
            Seen seen;
            QVERIFY(source->scan(offset, length, scratch, {&Seen::record, &seen}));
            QCOMPARE(int(seen.runs.size()), 1);
            QVERIFY(seen.runs[0] == bytes.substr(offset, length));
            QVERIFY(source->read(offset, length, read));
            QVERIFY(read == seen.runs[0]);
        }
        // Past the end: what there is, and false.
        Seen seen;
        QVERIFY(!source->scan(bytes.size() - 10, 100, scratch, {&Seen::record, &seen}));
        QCOMPARE(int(seen.runs.size()), 1);
        QVERIFY(seen.runs[0] == bytes.substr(bytes.size() - 10));
    }

    // A source readied for scans (prepareScans, run in the background once a deployment is
    // read) has every page of its mapping in the page tables, so that a search over it takes
    // no page fault; a source only scanned at its start has few. A followed file readies
    // each generation it holds.
    void preparedScansFindTheirPagesMapped() {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("app.log"));
        const QString rotated = dir.filePath(QStringLiteral("app.log.1"));
        const std::string bytes = pattern(std::size_t(24) << 20), older = pattern(std::size_t(8) << 20);
        writeAll(path, bytes);
        writeAll(rotated, older);
        const long page = sysconf(_SC_PAGESIZE);
        // Pages of the mapping of `expected` at `offset` present in the page tables
        // (/proc/self/pagemap, bit 63).
        auto mappedPages = [&](const ByteSource& source, std::uint64_t offset,
                               const std::string& expected) -> long {
            Where where;
            std::string scratch;
            if (!source.scan(offset, 4096, scratch, {&Where::record, &where}) ||
                where.bytes != expected.substr(0, 4096) || !scratch.empty())
                return -1;
            QFile map(QStringLiteral("/proc/self/pagemap"));
            if (!map.open(QIODevice::ReadOnly)) return -1;
            const auto first = reinterpret_cast<std::uintptr_t>(where.data) / std::uintptr_t(page);
            const auto count = std::size_t(expected.size()) / std::size_t(page);
            std::vector<std::uint64_t> entries(count);
            if (!map.seek(qint64(first * sizeof(std::uint64_t))) ||
                map.read(reinterpret_cast<char*>(entries.data()), qint64(count * sizeof(std::uint64_t))) !=
                    qint64(count * sizeof(std::uint64_t)))
                return -1;
            return long(std::count_if(entries.begin(), entries.end(),
                                      [](std::uint64_t e) { return (e >> 63) & 1u; }));
        };
        const long pages = long(bytes.size()) / page;
        const auto plain = openSource(path);
        const long plainPages = mappedPages(*plain, 0, bytes);
        QVERIFY(plainPages >= 0);
        QVERIFY2(plainPages < pages / 2, qPrintable(QString::number(plainPages)));
        const auto prepared = openSource(path);
        QCOMPARE(prepared->prepareScans(UINT64_MAX), std::uint64_t(bytes.size()));
        QCOMPARE(mappedPages(*prepared, 0, bytes), pages);

        StreamByteSource stream;
        stream.setGeneration(0, openSource(rotated));
        stream.setGeneration(1, openSource(path));
        QCOMPARE(stream.prepareScans(UINT64_MAX), std::uint64_t(older.size() + bytes.size()));
        QCOMPARE(mappedPages(stream, generationBase(1), bytes), pages);
        QCOMPARE(mappedPages(stream, 0, older), long(older.size()) / page);
        // A budget stops it: a file grown far past what was read is not read in whole.
        const auto budgeted = openSource(path);
        QCOMPARE(budgeted->prepareScans(std::uint64_t(4) << 20), std::uint64_t(4) << 20);
        const long budgetedPages = mappedPages(*budgeted, 0, bytes);
        QVERIFY2(budgetedPages >= (4 << 20) / page && budgetedPages < pages / 2,
                 qPrintable(QString::number(budgetedPages)));
    }

    void appendedBytesSeen() {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("app.log"));
        const std::string first = pattern(100000), more = pattern(5 * 1024 * 1024);
        writeAll(path, first);
        const auto source = openSource(path);
        std::string scratch;
        Seen seen;
        QVERIFY(source->scan(0, std::uint32_t(first.size()), scratch, {&Seen::record, &seen}));
        writeAll(path, more, true); // grows by more than the room mapped: mapped again
        QVERIFY(
            source->scan(first.size() - 5, 5 + std::uint32_t(more.size()), scratch, {&Seen::record, &seen}));
        QCOMPARE(int(seen.runs.size()), 2);
        QVERIFY(seen.runs[1] == first.substr(first.size() - 5) + more);
    }

    void followedFileScannedInPlace() {
        QTemporaryDir dir;
        const QString rotated = dir.filePath(QStringLiteral("app.log.1"));
        const QString current = dir.filePath(QStringLiteral("app.log"));
        const std::string older = pattern(300000), newer = pattern(2 * 1024 * 1024 + 11);
        writeAll(rotated, older);
        writeAll(current, newer);
        StreamByteSource stream;
        stream.setGeneration(0, openSource(rotated));
        stream.setGeneration(1, openSource(current));
        std::string scratch;
        Where where;
        QVERIFY(stream.scan(generationBase(1) + 4096, 1024 * 1024, scratch, {&Where::record, &where}));
        QVERIFY(where.bytes == newer.substr(4096, 1024 * 1024));
        QVERIFY(scratch.empty()); // not copied through pread
        QVERIFY(where.data != scratch.data());
        QVERIFY(stream.scan(100, 5000, scratch, {&Where::record, &where}));
        QVERIFY(where.bytes == older.substr(100, 5000));
        QVERIFY(scratch.empty());
        // A generation whose file is gone reads back empty, and says so.
        stream.loseGeneration(0);
        QVERIFY(!stream.scan(100, 5000, scratch, {&Where::record, &where}));
        QVERIFY(where.bytes.empty());
    }

    void memoryBytesScannedInPlace() {
        const MemoryByteSource memory(pattern(10000));
        std::string scratch;
        Where where;
        QVERIFY(memory.scan(9000, 1000, scratch, {&Where::record, &where}));
        QVERIFY(where.data == memory.data().data() + 9000); // (QCOMPARE would compare the text)
        QVERIFY(!memory.scan(9990, 100, scratch, {&Where::record, &where}));
        QVERIFY(where.bytes == memory.data().substr(9990));
        QVERIFY(!memory.scan(20000, 100, scratch, {&Where::record, &where}));
        QVERIFY(where.bytes.empty());
        QVERIFY(scratch.empty());
    }

    void fileCutShortDuringAScan() {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("app.log"));
        const std::string bytes = pattern(4 * 1024 * 1024);
        writeAll(path, bytes);
        const auto source = openSource(path);
        const QByteArray name = QFile::encodeName(path);
        const std::size_t faults = guardedReadFaults();
        CutMidway cut{name.constData(), 1024 * 1024};
        std::string scratch;
        // Touching the mapping past the new end raises SIGBUS: the scan runs again on the
        // megabyte pread still finds, and the call says bytes were missing.
        QVERIFY(!source->scan(0, std::uint32_t(bytes.size()), scratch, {&CutMidway::run, &cut}));
        QCOMPARE(cut.runs, 2);
        QCOMPARE(cut.lastSize, std::size_t(1024 * 1024));
        QCOMPARE(guardedReadFaults(), faults + 1);
        // The source still works, mapped, on what the file holds now.
        Seen seen;
        QVERIFY(source->scan(1000, 2000, scratch, {&Seen::record, &seen}));
        QVERIFY(seen.runs.at(0) == bytes.substr(1000, 2000));
    }

    void faultOutsideAGuardedReadStillKills() {
        // In a process of its own (this test run again): it must die of the SIGBUS as it
        // would without the guard, or reach the handler installed before the guard's.
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("app.log"));
        writeAll(path, pattern(64 * 1024));
        const QByteArray self = QFile::encodeName(QCoreApplication::applicationFilePath());
        const QByteArray file = QFile::encodeName(path);
        // Under AddressSanitizer the handler before the guard's would be the sanitizer's, which
        // reports and aborts: the child leaves SIGBUS to the system, as a Release build does.
        std::vector<std::string> variables;
        std::string asan = "ASAN_OPTIONS=handle_sigbus=0";
        for (char** e = environ; *e; ++e) {
            if (std::strncmp(*e, "ASAN_OPTIONS=", 13) == 0)
                asan = std::string(*e) + ":handle_sigbus=0";
            else
                variables.emplace_back(*e);
        }
        variables.push_back(asan);
        std::vector<char*> childEnvironment;
        for (std::string& v : variables)
            childEnvironment.push_back(v.data());
        childEnvironment.push_back(nullptr);
        for (const char* mode : {"--touch-past-end", "--touch-past-end-chained"}) {
            writeAll(path, pattern(64 * 1024));
            char* args[] = {const_cast<char*>(self.constData()), const_cast<char*>(mode),
                            const_cast<char*>(file.constData()), nullptr};
            pid_t child = 0;
            QCOMPARE(posix_spawn(&child, self.constData(), nullptr, nullptr, args, childEnvironment.data()),
                     0);
            int status = 0;
            QCOMPARE(waitpid(child, &status, 0), child);
            if (std::strcmp(mode, "--touch-past-end") == 0)
                QVERIFY2(WIFSIGNALED(status) && WTERMSIG(status) == SIGBUS,
                         qPrintable(QString::number(status)));
            else
                QVERIFY2(WIFEXITED(status) && WEXITSTATUS(status) == 7, qPrintable(QString::number(status)));
        }
    }
};

namespace {
void previousHandler(int) {
    _exit(7);
}

// Touches a mapped page past the file's end outside any guarded read, after one guarded
// read has put the guard's handler in place (over another one, when chained).
int touchPastEnd(const char* path, bool chained) {
    if (chained) {
        struct sigaction action {};
        action.sa_handler = previousHandler;
        sigemptyset(&action.sa_mask);
        sigaction(SIGBUS, &action, nullptr);
    }
    const int fd = ::open(path, O_RDWR);
    if (fd < 0) return 3;
    FileByteSource source(fd);
    std::string scratch;
    Seen seen;
    source.scan(0, 10, scratch, {&Seen::record, &seen});
    const auto* data =
        static_cast<const volatile char*>(mmap(nullptr, 64 * 1024, PROT_READ, MAP_SHARED, fd, 0));
    if (data == MAP_FAILED || ftruncate(fd, 0) != 0) return 4;
    return data[32 * 1024] == 0 ? 5 : 6;
}
} // namespace

int main(int argc, char** argv) {
    if (argc == 3 && std::strcmp(argv[1], "--touch-past-end") == 0) return touchPastEnd(argv[2], false);
    if (argc == 3 && std::strcmp(argv[1], "--touch-past-end-chained") == 0)
        return touchPastEnd(argv[2], true);
    QCoreApplication app(argc, argv);
    TestFileMapping test;
    return QTest::qExec(&test, argc, argv);
}
#include "tst_filemapping.moc"
