#pragma once
// Splits a byte stream into lines for an EntryAssembler and counts lines and bytes.
// Data is written straight into its buffer (no copy), which keeps spare bytes after the
// data so JSON lines can be parsed in place. A partial last line waits for its newline.
// NUL bytes where a line would start are a hole, not text: copytruncate under a writer
// without O_APPEND leaves the file as zeros up to the writer's old offset, then
// "2025-11-10 10:30:00,123 - INFO - ..." where the writer went on. They are skipped.

#include "entryassembler.h"

#include <memory>

namespace vigil {

class LineSplitter {
  public:
    struct FreeBytes { // frees a buffer (and the thread's spare) with free()
        void operator()(char* p) const;
    };
    explicit LineSplitter(std::uint64_t startOffset = 0);

    // Room for at least `want` more bytes at the end of the data.
    char* writableTail(std::size_t want);
    // `n` bytes were written at writableTail(): hands every complete line over.
    void commit(std::size_t n, EntryAssembler& assembler, EntryBatch& out);
    // End of data: a last line without newline counts as a line too. Data may still follow
    // (a followed file): the newline that completes that line is then not a line of its own.
    void finish(EntryAssembler& assembler, EntryBatch& out);

    // Gives back the read buffer's spare room, keeping only a waiting partial line: files
    // that are followed for days must not each hold a full read block.
    void releaseSpareRoom();

    // File offset just past the last byte handed over as (part of) a line.
    std::uint64_t consumedOffset() const { return m_bufferOffset + m_begin; }
    bool hasPartialLine() const { return m_end > m_begin; }
    // The last bytes committed were a hole (NULs where a line would start), still open.
    bool inHole() const { return m_inHole; }
    // Frees the read buffer this thread keeps for its next file. A scan's reader calls it
    // when it has no file left: pool threads outlive the scan, and a kept block per thread is
    // a megabyte of memory that holds no entry.
    static void dropThreadSpare();

    // Skips `n` bytes that were not read (a hole found by SEEK_DATA); only between lines.
    void skipHole(std::uint64_t n);
    // Hole bytes skipped so far.
    std::uint64_t holeBytes() const { return m_holeBytes; }

    // Added to every offset handed to the assembler (a follow-mode generation's place in
    // its source's offset space); file offsets themselves stay as they are.
    void setReportedBase(std::uint64_t base) { m_reportedBase = base; }

  private:
    void emitLine(const char* begin, const char* end, EntryAssembler& assembler, EntryBatch& out);

    // Bytes from malloc, for realloc(): growing a buffer of a long line moves its pages (the
    // kernel's mremap) instead of copying them into fresh ones. Not a std::vector: growing
    // one zero-fills it, which cost a tenth of all scan time.
    using Buffer = std::unique_ptr<char, FreeBytes>;
    Buffer m_buffer;
    std::size_t m_capacity = 0;
    std::size_t m_begin = 0, m_end = 0; // unconsumed data is [m_begin, m_end)
    std::size_t m_searched = 0;         // [m_begin, m_searched) holds no newline: a long line is scanned once
    std::uint64_t m_bufferOffset;       // file offset of m_buffer[0]
    std::uint64_t m_reportedBase = 0;
    bool m_lineCutShort = false; // finish() handed over a line that had no newline yet
    bool m_inHole = false;
    std::uint64_t m_holeBytes = 0;
};

} // namespace vigil
