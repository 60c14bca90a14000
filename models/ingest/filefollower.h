#pragma once
// Follows one file, identified by device and inode, from where it was last read, whatever
// name it has now: a rename by rotation changes nothing here, so bytes written just before
// the rename are still read from the kept descriptor. Each poll reads what was appended,
// notices a truncation in place (copytruncate: the size fell below what was read, or the
// first bytes changed) and then continues on the same inode as a new generation, and
// notices deletion (no name left): the file is drained until quiet, then ends.

#include "filetail.h"
#include "streambytesource.h"

#include <QString>

#include <memory>
#include <optional>

namespace vigil {

class FileByteSource;

// A followed source: the path its entries are reported under and what its files share.
struct FollowStream {
    FileId id;
    QString path;
    std::shared_ptr<SourceStrings> strings;
    std::shared_ptr<StreamByteSource> bytes;
    std::uint32_t nextGeneration = 0;
    // It was cut in place once (copytruncate): its later generations mirror what they read.
    bool copytruncated = false;
};

// One generation being read: a file of a stream, or what the file held after a truncation.
struct Generation {
    std::shared_ptr<FollowStream> stream;
    std::uint32_t number = 0;
    std::unique_ptr<FileTail> tail;
    std::int64_t lastGrowthMs = 0;        // monotonic
    bool bytesLost = false;               // truncated in place: its stored ranges lost their text
    bool finished = false;                // partial line and open entry committed
    bool cut = false;                     // truncated in place: its text lives elsewhere now
    std::shared_ptr<FileByteSource> copy; // a copy of it seen under a backup name (copytruncate)
};

struct FollowTimings {
    int quietPeriodMs = 250; // an open (multi-line) entry is committed after this long
    // A last line without newline waits for it, but not forever: a writer that died mid-line,
    // or a file that simply ends without one, shows its last line after this long.
    int partialLineAfterMs = 5000;
    int endAfterQuietMs = 3000; // a deleted file is read until it was quiet this long
};

// Appends while following are small; a big read block per file would cost memory per follower.
constexpr std::size_t kFollowReadBlock = 256 << 10;

// Creates the stream's next generation (not yet opened): entry offsets in its own range.
Generation makeGeneration(const std::shared_ptr<FollowStream>& stream, const QString& path,
                          const QByteArray& nativePath, bool gzip);

class FileFollower {
  public:
    explicit FileFollower(Generation generation);

    struct Outcome {
        bool ended = false;                  // deleted and quiet (or unreadable): finished, drop the follower
        std::optional<Generation> truncated; // the generation cut away, to wait for a copy
        QString error;
        // Its descriptor was closed while idle and its path leads elsewhere now (renamed, or
        // deleted): nothing was read; a listing may find it under its new name.
        bool unreachable = false;
    };
    Outcome poll(const BatchSink& sink, std::int64_t nowMs, const FollowTimings& timings);
    // Commits the partial line and open entry (following stops).
    void finish(const BatchSink& sink);

    Generation& generation() { return m_gen; }
    const Generation& generation() const { return m_gen; }
    bool deleted() const { return m_deleted; }
    // When poll() next has something to do even if no byte arrives (ms, monotonic); -1: never.
    std::int64_t nextDeadline(const FollowTimings& timings) const;

  private:
    bool headChanged(int fd) const;
    // Reads what was appended (after starting a new generation when the file was cut in
    // place); false when poll() must return `out` as it stands.
    bool readAppended(const BatchSink& sink, std::int64_t nowMs, Outcome& out);

    Generation m_gen;
    bool m_deleted = false;
};

} // namespace vigil
