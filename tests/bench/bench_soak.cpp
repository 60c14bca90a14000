// Soak benchmark (not a CTest test): three instances write 5,000 entries/s in total for ten
// minutes while LiveIngest follows them in this process, each rotating its own way:
//   a  rename, as Python's RotatingFileHandler: every 256 KB, 5 backups, the oldest deleted
//   b  copytruncate with `rotate 1` every ~100 ms: app.log.1 removed, app.log copied, cut
//   c  copytruncate with `rotate 3` every ~1 s, the backups shifted by rename
// Every minute it prints entries written and stored, entries lost (written more than 3 s
// ago and not stored) and doubled, resident memory, open descriptors and the spill file's
// disk use. The writer of a copytruncate instance does the rotation itself, so no line is
// written between the copy and the cut (those copytruncate loses by design): every line
// was on disk when Vigil could read it, and lost and doubled must both be 0.
//
//   bench_soak [--minutes 10] [--rate 5000] [--every 60]

#include "models/ingest/filebytesource.h"
#include "models/ingest/liveingest.h"
#include "models/ingest/spillarea.h"
#include "models/store/entrystore.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QTextStream>
#include <QTimer>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <fcntl.h>
#include <mutex>
#include <thread>
#include <unistd.h>

using namespace vigil;

namespace {

struct Settings {
    double minutes = 10;
    int rate = 5000;
    double every = 60;
};

double residentMb() {
    long pages = 0, resident = 0;
    if (FILE* f = std::fopen("/proc/self/statm", "r")) {
        if (std::fscanf(f, "%ld %ld", &pages, &resident) != 2) resident = 0;
        std::fclose(f);
    }
    return resident * double(sysconf(_SC_PAGESIZE)) / (1 << 20);
}

int openDescriptors() {
    return int(QDir(QStringLiteral("/proc/self/fd"))
                   .entryList(QDir::AllEntries | QDir::System | QDir::NoDotAndDotDot)
                   .size());
}

enum class Rotation { Rename, CopytruncateFast, Copytruncate };

// One instance's log and how it rotates; write() and rotate() run on the writer thread.
class Instance {
  public:
    Instance(QString folder, char tag, Rotation rotation)
        : m_log(folder + QStringLiteral("/app.log")), m_tag(tag), m_rotation(rotation) {
        QDir().mkpath(folder);
        reopen();
    }
    ~Instance() { ::close(m_fd); }

    void write(std::uint64_t n, std::int64_t nowMs) {
        if (m_rotation == Rotation::Rename && m_size >= 256 * 1024) renameRotation();
        if (m_rotation == Rotation::CopytruncateFast && nowMs - m_lastRotationMs >= 100)
            copytruncate(1, nowMs);
        if (m_rotation == Rotation::Copytruncate && nowMs - m_lastRotationMs >= 1000) copytruncate(3, nowMs);
        QByteArray line = "2025-11-10 10:30:00,123 - [" + QByteArray(1, m_tag) + "] - app.main - ";
        if (n % 7 == 3)
            line +=
                "ERROR - [main:run:214] - message " + QByteArray::number(qulonglong(n)) +
                " failed\nTraceback (most recent call last):\n  File \"/srv/app/main.py\", line 212, in run\n"
                "TimeoutError: upstream timed out after 30s\n";
        else
            line += "INFO - [main:run:120] - message " + QByteArray::number(qulonglong(n)) +
                    " POST /v1/chat - 200\n";
        if (::write(m_fd, line.constData(), size_t(line.size())) == line.size()) m_size += line.size();
        written.store(n + 1);
    }
    std::atomic<std::uint64_t> written{0};
    char tag() const { return m_tag; }

  private:
    QString backup(int k) const { return m_log + QLatin1Char('.') + QString::number(k); }
    void reopen() {
        m_fd = ::open(QFile::encodeName(m_log).constData(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
        m_size = 0;
    }
    void shift(int backups) {
        QFile::remove(backup(backups));
        for (int k = backups - 1; k >= 1; --k)
            if (QFile::exists(backup(k))) QFile::rename(backup(k), backup(k + 1));
    }
    void renameRotation() {
        ::close(m_fd);
        shift(5);
        QFile::rename(m_log, backup(1));
        reopen();
    }
    // logrotate's copytruncate: copy in blocks to a new app.log.1, then cut app.log.
    void copytruncate(int backups, std::int64_t nowMs) {
        m_lastRotationMs = nowMs;
        shift(backups);
        const int in = ::open(QFile::encodeName(m_log).constData(), O_RDONLY | O_CLOEXEC);
        const int out =
            ::open(QFile::encodeName(backup(1)).constData(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
        char block[65536];
        for (ssize_t n; in >= 0 && out >= 0 && (n = ::read(in, block, sizeof block)) > 0;)
            if (::write(out, block, size_t(n)) != n) break;
        ::close(in);
        ::close(out);
        if (::ftruncate(m_fd, 0) == 0) m_size = 0;
    }

    QString m_log;
    char m_tag;
    Rotation m_rotation;
    int m_fd = -1;
    qint64 m_size = 0;
    std::int64_t m_lastRotationMs = 0;
};

// Which messages of each instance were stored, and how often: entries are read back as
// they arrive (their text from the files, the copies or the spill file).
class Tally {
  public:
    explicit Tally(EntryStore& store) : m_store(store) {}
    void catchUp() {
        std::string text;
        std::uint64_t i = std::max(m_next, m_store.beginIndex().value);
        for (; i < m_store.endIndex().value; ++i) {
            if (!m_store.readText(EntryIndex(i), text)) {
                ++unreadable;
                if (qEnvironmentVariableIsSet("SOAK_DEBUG") && unreadable < 5)
                    std::fprintf(stderr, "unreadable %llu: %s offset %llx length %u\n", (unsigned long long)i,
                                 qPrintable(m_store.sources()[m_store.file(EntryIndex(i))].relativePath),
                                 (unsigned long long)m_store.offset(EntryIndex(i)),
                                 m_store.length(EntryIndex(i)));
                continue;
            }
            const std::size_t tagAt = text.find(" - [");
            const std::size_t at = text.find(" - message ");
            if (tagAt == std::string::npos || at == std::string::npos) {
                ++foreign;
                continue;
            }
            const int instance = text[tagAt + 4] - 'a';
            const std::uint64_t n = std::strtoull(text.c_str() + at + 11, nullptr, 10);
            if (instance < 0 || instance > 2) {
                ++foreign;
                continue;
            }
            auto& seen = m_seen[instance];
            if (seen.size() <= n) seen.resize(n + 1 + (1 << 16), 0);
            if (seen[n] < 255) ++seen[n];
        }
        m_next = i;
    }
    // Messages [0, upTo[k]) of instance k stored zero times, and messages stored more than once.
    void count(const std::uint64_t upTo[3], std::uint64_t& lost, std::uint64_t& doubled) const {
        lost = doubled = 0;
        for (int k = 0; k < 3; ++k) {
            const auto& seen = m_seen[k];
            for (std::uint64_t n = 0; n < upTo[k]; ++n)
                if (n >= seen.size() || seen[n] == 0) ++lost;
            for (std::uint8_t c : seen)
                if (c > 1) doubled += c - 1;
        }
    }
    std::uint64_t unreadable = 0, foreign = 0;

  private:
    EntryStore& m_store;
    std::uint64_t m_next = 0;
    std::vector<std::uint8_t> m_seen[3];
};

bool parse(const QStringList& args, Settings& s) {
    for (int i = 1; i < args.size(); ++i) {
        if (i + 1 >= args.size()) return false;
        bool ok = false;
        const double v = args[i + 1].toDouble(&ok);
        if (!ok || v <= 0) return false;
        if (args[i] == QLatin1String("--minutes"))
            s.minutes = v;
        else if (args[i] == QLatin1String("--rate"))
            s.rate = int(v);
        else if (args[i] == QLatin1String("--every"))
            s.every = v;
        else
            return false;
        ++i;
    }
    return true;
}

} // namespace

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    Settings settings;
    QTextStream out(stdout);
    if (!parse(app.arguments(), settings)) {
        out << "usage: bench_soak [--minutes 10] [--rate 5000] [--every 60]\n";
        return 2;
    }
    QTemporaryDir dir;
    EntryStore store;
    LiveIngest ingest(store, LiveIngestOptions());
    Tally tally(store);
    std::vector<std::unique_ptr<Instance>> instances;
    instances.push_back(std::make_unique<Instance>(dir.filePath("instances/a/logs"), 'a', Rotation::Rename));
    instances.push_back(
        std::make_unique<Instance>(dir.filePath("instances/b/logs"), 'b', Rotation::CopytruncateFast));
    instances.push_back(
        std::make_unique<Instance>(dir.filePath("instances/c/logs"), 'c', Rotation::Copytruncate));
    std::atomic<bool> stop{false};
    std::thread writer;
    QElapsedTimer clock;
    // What each instance had written 3 s ago: older messages must be stored by now.
    std::deque<std::pair<qint64, std::array<std::uint64_t, 3>>> history;
    std::mutex historyMutex;

    out << "bench_soak: a rename every 256 KB (5 backups), b copytruncate rotate 1 every ~100 ms, c "
           "copytruncate "
           "rotate 3 every ~1 s; "
        << settings.rate << " entries/s in total for " << settings.minutes << " min\n";
    out << "   min   written    stored      lost  doubled  RSS MB  fds  open files  spill MB\n";
    out.flush();
    auto report = [&](bool final) {
        tally.catchUp();
        std::uint64_t upTo[3] = {0, 0, 0};
        std::uint64_t written = 0;
        for (int k = 0; k < 3; ++k)
            written += instances[std::size_t(k)]->written.load();
        {
            std::lock_guard<std::mutex> lock(historyMutex);
            const qint64 cutoff = clock.elapsed() - 3000;
            for (const auto& [t, counts] : history)
                if (final || t <= cutoff)
                    for (int k = 0; k < 3; ++k)
                        upTo[k] = counts[std::size_t(k)];
            if (final)
                for (int k = 0; k < 3; ++k)
                    upTo[k] = instances[std::size_t(k)]->written.load();
        }
        std::uint64_t lost = 0, doubled = 0;
        tally.count(upTo, lost, doubled);
        QString spill;
        if (auto area = SpillArea::shared(nullptr))
            spill = QString::number(area->diskBytes() / 1048576.0, 'f', 1);
        out << QString::asprintf("%6.1f %9llu %9llu %9llu %8llu %7.1f %4d %11zu %9s%s\n",
                                 clock.elapsed() / 60000.0, static_cast<unsigned long long>(written),
                                 static_cast<unsigned long long>(store.counters().entries),
                                 static_cast<unsigned long long>(lost),
                                 static_cast<unsigned long long>(doubled), residentMb(), openDescriptors(),
                                 FileByteSource::openCount(), qPrintable(spill), final ? "  (final)" : "");
        out.flush();
    };
    QTimer every;
    QObject::connect(&every, &QTimer::timeout, [&] { report(false); });
    QObject::connect(&ingest, &LiveIngest::initialScanFinished, [&] {
        clock.start();
        every.start(int(settings.every * 1000));
        writer = std::thread([&] {
            const double perInstance = settings.rate / 3.0;
            const auto start = std::chrono::steady_clock::now();
            std::uint64_t due = 0;
            qint64 lastNote = -1000;
            while (!stop) {
                const double elapsed =
                    std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
                if (elapsed >= settings.minutes * 60) break;
                due = std::uint64_t(elapsed * perInstance);
                const auto nowMs = std::int64_t(elapsed * 1000);
                for (auto& i : instances)
                    while (i->written.load() < due)
                        i->write(i->written.load(), nowMs);
                if (nowMs - lastNote >= 200) {
                    std::lock_guard<std::mutex> lock(historyMutex);
                    history.push_back({nowMs,
                                       {instances[0]->written.load(), instances[1]->written.load(),
                                        instances[2]->written.load()}});
                    if (history.size() > 100) history.pop_front();
                    lastNote = nowMs;
                }
                std::this_thread::sleep_for(std::chrono::milliseconds(1));
            }
            QMetaObject::invokeMethod(&app, [&] {
                QTimer::singleShot(3000, [&] {
                    every.stop();
                    ingest.finishFollowing();
                });
            });
        });
    });
    QObject::connect(&ingest, &LiveIngest::followingFinished, [&] {
        report(true);
        for (const IngestError& e : ingest.problems())
            out << "problem: " << e.path << ": " << e.message << "\n";
        out << "unreadable entries: " << tally.unreadable << ", foreign: " << tally.foreign << "\n";
        app.quit();
    });
    ingest.open({dir.path()});
    const int code = app.exec();
    stop = true;
    if (writer.joinable()) writer.join();
    return code;
}
