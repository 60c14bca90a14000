#pragma once
// How far an initial scan has got, shared between the thread that reads and whoever shows
// it. Plain atomics read by a timer: a deployment of 100,000 small files would otherwise
// queue 100,000 "file done" signals to the GUI thread.

#include <atomic>
#include <cstdint>

namespace vigil {

struct ScanProgressFigures {
    std::uint64_t totalBytes = 0, bytesRead = 0; // bytes on disk (a .gz counts compressed)
    std::uint64_t totalFiles = 0, filesDone = 0;
    std::uint64_t entries = 0;
    std::uint64_t filesSkipped = 0; // wholly older than the time window: not opened
    bool listed = false;            // the files are found, so the totals are known
    bool finished = false;

    double fraction() const {
        if (!listed) return 0;
        return totalBytes > 0 ? double(bytesRead) / double(totalBytes) : (finished ? 1.0 : 0.0);
    }
};

class ScanProgress {
  public:
    ScanProgressFigures figures() const {
        ScanProgressFigures f;
        f.totalBytes = m_totalBytes.load(std::memory_order_relaxed);
        f.bytesRead = m_bytesRead.load(std::memory_order_relaxed);
        f.totalFiles = m_totalFiles.load(std::memory_order_relaxed);
        f.filesDone = m_filesDone.load(std::memory_order_relaxed);
        f.entries = m_entries.load(std::memory_order_relaxed);
        f.filesSkipped = m_filesSkipped.load(std::memory_order_relaxed);
        f.listed = m_listed.load(std::memory_order_acquire);
        f.finished = m_finished.load(std::memory_order_acquire);
        return f;
    }

    // Written by the scanner only.
    void setListed(std::uint64_t files, std::uint64_t bytes, std::uint64_t skipped) {
        m_totalFiles.store(files, std::memory_order_relaxed);
        m_totalBytes.store(bytes, std::memory_order_relaxed);
        m_filesSkipped.store(skipped, std::memory_order_relaxed);
        m_listed.store(true, std::memory_order_release);
    }
    void addBytes(std::uint64_t n) { m_bytesRead.fetch_add(n, std::memory_order_relaxed); }
    void addEntries(std::uint64_t n) { m_entries.fetch_add(n, std::memory_order_relaxed); }
    void fileDone() { m_filesDone.fetch_add(1, std::memory_order_relaxed); }
    void setFinished() { m_finished.store(true, std::memory_order_release); }

  private:
    std::atomic<std::uint64_t> m_totalBytes{0}, m_bytesRead{0}, m_totalFiles{0}, m_filesDone{0}, m_entries{0},
        m_filesSkipped{0};
    std::atomic<bool> m_listed{false}, m_finished{false};
};

// Seconds left at the rate so far; negative while too early to tell.
inline double secondsLeft(const ScanProgressFigures& f, double elapsedSeconds) {
    const double done = f.fraction();
    if (done <= 0.01 || elapsedSeconds < 0.5 || f.finished) return -1;
    return elapsedSeconds * (1 - done) / done;
}

} // namespace vigil
