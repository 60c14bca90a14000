#include "terminalprogress.h"

#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <mutex>
#include <thread>
#include <unistd.h>

namespace vigil {

namespace {

QString progressLine(const ScanProgressFigures& f, double elapsed) {
    QString line = QStringLiteral("reading: %1 % of %2 MB · %3/%4 files · %5 entries")
                       .arg(int(f.fraction() * 100))
                       .arg(double(f.totalBytes) / 1e6, 0, 'f', 0)
                       .arg(f.filesDone)
                       .arg(f.totalFiles)
                       .arg(f.entries);
    const double left = secondsLeft(f, elapsed);
    if (left >= 0) line += QStringLiteral(" · %1 s left").arg(left, 0, 'f', 0);
    if (f.filesSkipped > 0) line += QStringLiteral(" · %1 older files skipped").arg(f.filesSkipped);
    return line;
}

} // namespace

ScanOutcome scanShowingProgress(EntryStore& store, const QStringList& roots, ScanOptions options) {
    if (!isatty(STDERR_FILENO)) return scanInto(store, roots, options);
    ScanProgress progress;
    options.progress = &progress;
    std::mutex mutex;
    std::condition_variable wake;
    bool done = false;
    const auto start = std::chrono::steady_clock::now();
    std::thread painter([&] {
        std::unique_lock<std::mutex> lock(mutex);
        // Nothing for a quick scan: the first line after half a second.
        if (wake.wait_for(lock, std::chrono::milliseconds(500), [&] { return done; })) return;
        int width = 0;
        do {
            const double elapsed =
                std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
            const QByteArray text = progressLine(progress.figures(), elapsed).toUtf8();
            std::fprintf(stderr, "\r%s%*s", text.constData(), std::max(0, width - int(text.size())), "");
            std::fflush(stderr);
            width = int(text.size());
        } while (!wake.wait_for(lock, std::chrono::milliseconds(250), [&] { return done; }));
        std::fprintf(stderr, "\r%*s\r", width, ""); // the summary starts on a clean line
        std::fflush(stderr);
    });
    ScanOutcome outcome = scanInto(store, roots, options);
    {
        std::lock_guard<std::mutex> lock(mutex);
        done = true;
    }
    wake.notify_one();
    painter.join();
    return outcome;
}

} // namespace vigil
