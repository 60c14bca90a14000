#pragma once
// Reads one file from where it was last read: the initial scan reads it to the end, follow
// mode calls readAvailable() again when it grows. Plain files are read through a kept
// descriptor; .gz backups are decompressed whole (they never change) and kept in memory.

#include "entryassembler.h"
#include "linesplitter.h"

#include "../store/bytesource.h"

#include <QString>

#include <functional>
#include <memory>

namespace vigil {

using BatchSink = std::function<void(EntryBatch&&)>;

class FileTail {
public:
    FileTail(FileId file, QString path, std::string defaultInstance, bool gzip);
    ~FileTail();
    FileTail(const FileTail&) = delete;
    FileTail& operator=(const FileTail&) = delete;

    // Opens the file read-only. False with error() set when it cannot be read as a log.
    bool open();
    // Reads what is there now, handing batches of at most `batchEntries` entries to sink.
    // Returns false with error() set on a read error (what was read so far is kept).
    bool readAvailable(const BatchSink& sink, std::size_t batchEntries = 8192);
    // End of the data: the partial last line and the open entry are committed.
    void finish(const BatchSink& sink);
    // Commits the open entry (quiet period while following) without ending the stream.
    void commitOpenEntry(const BatchSink& sink);

    std::shared_ptr<const ByteSource> byteSource() const { return m_source; }
    const QString& error() const { return m_error; }
    std::uint64_t readOffset() const { return m_readOffset; }
    std::uint64_t device() const { return m_device; }
    std::uint64_t inode() const { return m_inode; }
    int fd() const { return m_fd; }
    bool hasPendingData() const { return m_splitter.hasPartialLine() || m_assembler.hasOpenEntry(); }

private:
    bool readPlain(const BatchSink& sink, std::size_t batchEntries);
    bool readGzip(const BatchSink& sink, std::size_t batchEntries);
    bool looksBinary(const char* data, std::size_t size) const;
    void hand(const BatchSink& sink);

    FileId m_file;
    QString m_path;
    bool m_gzip;
    int m_fd = -1;
    std::uint64_t m_device = 0, m_inode = 0;
    std::uint64_t m_readOffset = 0; // bytes read from the file (decompressed for .gz)
    EntryAssembler m_assembler;
    LineSplitter m_splitter;
    EntryBatch m_batch;
    std::shared_ptr<const ByteSource> m_source;
    QString m_error;
    bool m_checkedBinary = false;
};

} // namespace vigil
