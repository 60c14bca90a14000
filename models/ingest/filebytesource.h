#pragma once
// Entry text read back from a file with pread, and the descriptor it is read through.
//
// Descriptors are few (ulimit -n is often 1,024, sometimes 64) and a deployment may hold
// 10,000 files, so they are not all kept open: every FileByteSource of the process shares
// one budget (half the soft limit), and when more are open the least recently used idle
// ones are closed. A closed file is opened again by its path on the next read, and only
// if the path still leads to the same file (device and inode): a rotation may have put
// another file there meanwhile. A file that could not be found again (deleted, or renamed
// and not yet relocated) is never closed while open: its descriptor is the only way left
// to its bytes. One budget for the whole process is deliberate: the limit is per process.

#include "../store/bytesource.h"

#include <QByteArray>

#include <cstdint>
#include <list>
#include <memory>
#include <mutex>

namespace vigil {

class FileMapping;

class FileByteSource final : public ByteSource {
  public:
    // Owns `fd`. With a path it may be closed when idle and opened again by that path; without
    // one it stays open for its lifetime.
    explicit FileByteSource(int fd, QByteArray path = QByteArray());
    ~FileByteSource() override;
    FileByteSource(const FileByteSource&) = delete;
    FileByteSource& operator=(const FileByteSource&) = delete;

    bool read(std::uint64_t offset, std::uint32_t length, std::string& out) const override;
    // Through a mapping of the file kept for the source's lifetime (filemapping.h), pread
    // when the range is past the file's end or the file shrinks while it is read.
    bool scan(std::uint64_t offset, std::uint32_t length, std::string& scratch, Scan scan) const override;
    // Maps the file and fills the mapping's page tables from the page cache, in steps that
    // wait while a query the user waits for runs (executor.h): the first search otherwise
    // takes a page fault every 64-100 KB, 57,000 at 5 GB.
    std::uint64_t prepareScans(std::uint64_t budget) const override;

    // The descriptor, open while the lease lives; fd() is -1 when the file cannot be reached
    // (closed while idle, and its path now leads elsewhere or nowhere).
    class Lease {
      public:
        Lease() = default;
        Lease(Lease&& o) noexcept : m_source(o.m_source), m_fd(o.m_fd) { o.m_source = nullptr; }
        Lease& operator=(Lease&& o) noexcept;
        ~Lease();
        int fd() const { return m_fd; }
        explicit operator bool() const { return m_fd >= 0; }

      private:
        friend class FileByteSource;
        Lease(const FileByteSource* source, int fd) : m_source(source), m_fd(fd) {}
        const FileByteSource* m_source = nullptr;
        int m_fd = -1;
    };
    Lease lease() const;

    // The file was renamed (rotation): it is found by this path from now on.
    void relocate(const QByteArray& path);
    QByteArray path() const;
    std::uint64_t device() const { return m_device; }
    std::uint64_t inode() const { return m_inode; }
    bool isOpen() const;
    // Whether the descriptor is closed and the path still leads to the same file, `size`
    // bytes long: nothing new to read, and finding that out opened no descriptor.
    bool closedAndUnchanged(std::uint64_t size) const;

    // Process-wide: descriptors open through FileByteSources, and the budget.
    static std::size_t openCount();
    static std::size_t budget();

  private:
    friend class DescriptorPool;
    bool reopenLocked() const;
    bool closeIfReachableLocked() const; // closes an idle descriptor that can be opened again
    std::shared_ptr<const FileMapping> mapping(int fd, std::uint64_t fileSize, std::uint64_t needed) const;

    mutable int m_fd;
    QByteArray m_path;
    std::uint64_t m_device = 0, m_inode = 0;
    mutable int m_users = 0;
    mutable bool m_pinned = false; // cannot be found again by its path: never closed
    mutable bool m_inList = false;
    mutable std::list<const FileByteSource*>::iterator m_position; // in the pool's recency list
    mutable std::mutex m_mappingMutex;
    mutable std::shared_ptr<const FileMapping> m_mapping; // held by each scan while it reads
};

} // namespace vigil
