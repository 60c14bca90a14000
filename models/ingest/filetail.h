#pragma once
// Reads one file from where it was last read: the initial scan reads it to the end, follow
// mode calls readAvailable() again when it grows. Plain files are read through a
// FileByteSource (its descriptor closed when idle and reopened by path); .gz backups are decompressed as a
// stream (they never change), their text kept in the spill file rather than in memory.

#include "entryassembler.h"
#include "filebytesource.h"
#include "linesplitter.h"
#include "spillarea.h"

#include "../store/batchrecycler.h"
#include "../store/bytesource.h"

#include <QString>

#include <atomic>
#include <functional>
#include <memory>

namespace vigil {

using BatchSink = std::function<void(EntryBatch&&)>;

class FileTail {
  public:
    // How many leading bytes head() keeps: enough to tell one file's content from another's.
    static constexpr std::size_t kHeadBytes = 4096;

    FileTail(FileId file, QString path, std::string defaultInstance, bool gzip);
    // A reader that shares its source's string table with other readers of the same source
    // and reports entry offsets as offsetBase + file offset (follow-mode generations).
    FileTail(FileId file, QString path, std::shared_ptr<SourceStrings> strings, bool gzip,
             std::uint64_t offsetBase);
    ~FileTail();
    FileTail(const FileTail&) = delete;
    FileTail& operator=(const FileTail&) = delete;

    // Takes each next batch from `recycler` (null: fresh ones), which must outlive the reads.
    void setRecycler(BatchRecycler* recycler) { m_recycler = recycler; }
    // The path as the file system spells it (names that are no UTF-8); default: path() encoded.
    void setNativePath(QByteArray path) { m_nativePath = std::move(path); }
    // Opens the file read-only. False with error() set when it cannot be read as a log.
    bool open();
    // Like open(), with a descriptor opened elsewhere; takes ownership of it.
    bool adopt(int fd);
    bool opened() const { return m_opened; }
    // Size and modification time when opened.
    std::uint64_t openedSize() const { return m_openedSize; }
    std::int64_t openedModifiedNs() const { return m_openedModifiedNs; }
    // Reads what is there now, handing batches of at most `batchEntries` entries to sink.
    // Returns false with error() set on a read error (what was read so far is kept).
    bool readAvailable(const BatchSink& sink, std::size_t batchEntries = 8192);
    // End of the data: the partial last line and the open entry are committed. Reading may
    // go on afterwards; bytes that follow start a new line.
    void finish(const BatchSink& sink);
    // Commits the open entry (quiet period while following) without ending the stream.
    void commitOpenEntry(const BatchSink& sink);

    // Continues from another file that holds the same bytes at the same offsets (the copy
    // copytruncate made): later reads, and the byte source, use it.
    void switchTo(std::shared_ptr<FileByteSource> copy);
    // Reads bytes that continue this file but come from elsewhere (a compressed copy).
    void feed(const char* data, std::size_t size, const BatchSink& sink);

    // Follow mode: stamps handed batches with the file's change time (latency), reads in
    // blocks of at most `bytes`, and gives back buffer memory between reads.
    void setChangeTime(std::int64_t utcMicros) { m_changeTimeUs = utcMicros; }
    void setReadBlock(std::size_t bytes) { m_readBlock = bytes; }
    void trimBuffers() { m_splitter.releaseSpareRoom(); }
    // A plain file's reading stops between blocks once *stop is true (Stop while opening).
    void setStopFlag(const std::atomic<bool>* stop) { m_stop = stop; }

    std::shared_ptr<const ByteSource> byteSource() const { return m_source; }
    const QString& error() const { return m_error; }
    const QString& path() const { return m_path; }
    FileId file() const { return m_file; }
    bool isGzip() const { return m_gzip; }
    std::uint64_t readOffset() const { return m_readOffset; }
    std::uint64_t device() const { return m_device; }
    std::uint64_t inode() const { return m_inode; }
    // The plain file's bytes and descriptor (null for .gz, or after dropFile()).
    const std::shared_ptr<FileByteSource>& fileBytes() const { return m_bytes; }
    FileByteSource::Lease lease() const { return m_bytes ? m_bytes->lease() : FileByteSource::Lease(); }
    // The file was renamed: open it by this path when its descriptor was closed.
    void relocate(const QByteArray& nativePath) {
        if (m_bytes) m_bytes->relocate(nativePath);
    }
    // The path as the file system spells it now.
    QByteArray nativePath() const;
    // Lets go of the file (its text is kept elsewhere); nothing more can be read from it.
    // Every byte read from now on is also written to `mirror` (at the same offsets), so the
    // text outlives a cut in place (copytruncate) whether or not a copy turns up.
    void setMirror(std::shared_ptr<SpilledBytes> mirror) { m_mirror = std::move(mirror); }
    // The mirror, when it holds every byte read so far.
    std::shared_ptr<SpilledBytes> mirror() const {
        return m_mirror && m_mirror->size() == m_readOffset ? m_mirror : nullptr;
    }
    void dropFile() {
        m_bytes.reset();
        m_source.reset();
    }
    // The first bytes read (up to kHeadBytes), decompressed for .gz.
    const std::string& head() const { return m_head; }
    // Whether bytes at the start of a file say it is no text log (mostly control bytes).
    static bool looksBinary(const char* data, std::size_t size);
    const std::shared_ptr<SourceStrings>& strings() const { return m_assembler.strings(); }
    bool hasPendingData() const { return m_splitter.hasPartialLine() || m_assembler.hasOpenEntry(); }
    bool hasOpenEntry() const { return m_assembler.hasOpenEntry(); }
    bool hasPartialLine() const { return m_splitter.hasPartialLine(); }

  private:
    bool readPlain(const BatchSink& sink, std::size_t batchEntries);
    bool readGzip(const BatchSink& sink, std::size_t batchEntries);
    bool rejectBinary(const char* data, std::size_t size, bool holeAllowed);
    void skipHole(int fd);
    void consume(const char* data, std::size_t size); // bytes just placed at the splitter's tail
    void consumeCopy(const char* data, std::size_t size, const BatchSink& sink, std::size_t batchEntries);
    void hand(const BatchSink& sink);
    // Starts the next batch in room from the recycler, if any, when it has none of its own.
    void takeRoom();
    // Gives the (empty) next batch back to the recycler, if any.
    void giveBackRoom();

    FileId m_file;
    QString m_path;
    QByteArray m_nativePath;
    bool m_gzip;
    int m_fd = -1; // .gz only, until it was read
    std::shared_ptr<FileByteSource> m_bytes;
    std::shared_ptr<SpilledBytes> m_mirror;
    bool m_opened = false;
    std::uint64_t m_openedSize = 0;
    std::int64_t m_openedModifiedNs = 0;
    std::uint64_t m_device = 0, m_inode = 0;
    std::uint64_t m_readOffset = 0; // bytes read from the file (decompressed for .gz)
    std::size_t m_readBlock;
    std::int64_t m_changeTimeUs = 0;
    EntryAssembler m_assembler;
    LineSplitter m_splitter;
    EntryBatch m_batch;
    BatchRecycler* m_recycler = nullptr;
    std::shared_ptr<const ByteSource> m_source;
    std::string m_head;
    QString m_error;
    bool m_checkedBinary = false;
    bool m_gzipRead = false;
    const std::atomic<bool>* m_stop = nullptr;
};

} // namespace vigil
