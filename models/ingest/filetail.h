#pragma once
// Reads one file from where it was last read: the initial scan reads it to the end, follow
// mode calls readAvailable() again when it grows. Plain files are read through a kept
// descriptor; .gz backups are decompressed whole (they never change) and kept in memory.

#include "entryassembler.h"
#include "linesplitter.h"

#include "../store/bytesource.h"

#include <QString>

#include <atomic>
#include <functional>
#include <memory>

namespace vigil {

class FileByteSource;

using BatchSink = std::function<void(EntryBatch&&)>;

class FileTail {
public:
    // How many leading bytes head() keeps: enough to tell one file's content from another's.
    static constexpr std::size_t kHeadBytes = 4096;

    FileTail(FileId file, QString path, std::string defaultInstance, bool gzip);
    // A reader that shares its source's string table with other readers of the same source
    // and reports entry offsets as offsetBase + file offset (follow-mode generations).
    FileTail(FileId file, QString path, std::shared_ptr<SourceStrings> strings, bool gzip, std::uint64_t offsetBase);
    ~FileTail();
    FileTail(const FileTail&) = delete;
    FileTail& operator=(const FileTail&) = delete;

    // Opens the file read-only. False with error() set when it cannot be read as a log.
    bool open();
    // Like open(), with a descriptor opened elsewhere; takes ownership of it.
    bool adopt(int fd);
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
    int fd() const { return m_fd; }
    // The first bytes read (up to kHeadBytes), decompressed for .gz.
    const std::string& head() const { return m_head; }
    const std::shared_ptr<SourceStrings>& strings() const { return m_assembler.strings(); }
    bool hasPendingData() const { return m_splitter.hasPartialLine() || m_assembler.hasOpenEntry(); }
    bool hasOpenEntry() const { return m_assembler.hasOpenEntry(); }
    bool hasPartialLine() const { return m_splitter.hasPartialLine(); }

private:
    bool readPlain(const BatchSink& sink, std::size_t batchEntries);
    bool readGzip(const BatchSink& sink, std::size_t batchEntries);
    bool looksBinary(const char* data, std::size_t size) const;
    void consume(const char* data, std::size_t size); // bytes just placed at the splitter's tail
    void consumeCopy(const char* data, std::size_t size, const BatchSink& sink, std::size_t batchEntries);
    void hand(const BatchSink& sink);

    FileId m_file;
    QString m_path;
    bool m_gzip;
    int m_fd = -1;
    std::uint64_t m_device = 0, m_inode = 0;
    std::uint64_t m_readOffset = 0; // bytes read from the file (decompressed for .gz)
    std::size_t m_readBlock;
    std::int64_t m_changeTimeUs = 0;
    EntryAssembler m_assembler;
    LineSplitter m_splitter;
    EntryBatch m_batch;
    std::shared_ptr<const ByteSource> m_source;
    std::string m_head;
    QString m_error;
    bool m_checkedBinary = false;
    const std::atomic<bool>* m_stop = nullptr;
};

} // namespace vigil
