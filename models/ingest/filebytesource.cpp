#include "filebytesource.h"

#include "faultguard.h"
#include "filemapping.h"

#include "../exec/executor.h"

#include <algorithm>
#include <cerrno>
#include <fcntl.h>
#include <mutex>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

namespace vigil {

// The recency list of open descriptors and the budget. One mutex guards it and every
// source's descriptor state: the work under it is an open() or close() at most.
class DescriptorPool {
  public:
    static DescriptorPool& instance() {
        static DescriptorPool pool;
        return pool;
    }
    std::mutex mutex;
    std::list<const FileByteSource*> recent; // most recently used first
    std::size_t open = 0;

    std::size_t budget() {
        rlimit limit{};
        if (getrlimit(RLIMIT_NOFILE, &limit) != 0 || limit.rlim_cur == RLIM_INFINITY) return 4096;
        return std::max<std::size_t>(16, static_cast<std::size_t>(limit.rlim_cur) / 2);
    }
    void touch(const FileByteSource* s) {
        if (s->m_inList) recent.erase(s->m_position);
        recent.push_front(s);
        s->m_position = recent.begin();
        s->m_inList = true;
    }
    void forget(const FileByteSource* s) {
        if (s->m_inList) recent.erase(s->m_position);
        s->m_inList = false;
    }
    // Closes least recently used idle descriptors until at most `limit` are open.
    void trimTo(std::size_t limit) {
        for (auto it = recent.end(); open > limit && it != recent.begin();) {
            --it;
            const FileByteSource* s = *it;
            if (s->m_users > 0 || s->m_pinned || s->m_fd < 0 || !s->closeIfReachableLocked()) continue;
            it = recent.erase(it);
            s->m_inList = false;
            --open;
        }
    }
    void trim(std::size_t room) {
        const std::size_t limit = budget();
        trimTo(limit > room ? limit - room : 0);
    }
};

namespace {
bool sameFile(const struct stat& st, std::uint64_t device, std::uint64_t inode) {
    return static_cast<std::uint64_t>(st.st_dev) == device && static_cast<std::uint64_t>(st.st_ino) == inode;
}
} // namespace

FileByteSource::FileByteSource(int fd, QByteArray path) : m_fd(fd), m_path(std::move(path)) {
    struct stat st {};
    if (fstat(m_fd, &st) == 0) {
        m_device = st.st_dev;
        m_inode = st.st_ino;
    }
    m_pinned = m_path.isEmpty();
    DescriptorPool& pool = DescriptorPool::instance();
    std::lock_guard<std::mutex> lock(pool.mutex);
    ++pool.open;
    pool.touch(this);
    pool.trim(0);
}

FileByteSource::~FileByteSource() {
    DescriptorPool& pool = DescriptorPool::instance();
    std::lock_guard<std::mutex> lock(pool.mutex);
    pool.forget(this);
    if (m_fd >= 0) {
        ::close(m_fd);
        --pool.open;
    }
}

bool FileByteSource::closeIfReachableLocked() const {
    struct stat own {
    }, named{};
    if (fstat(m_fd, &own) != 0 || own.st_nlink == 0 || stat(m_path.constData(), &named) != 0 ||
        !sameFile(named, m_device, m_inode)) {
        m_pinned = true; // deleted or renamed: this descriptor is the only way to its bytes
        return false;
    }
    ::close(m_fd);
    m_fd = -1;
    return true;
}

bool FileByteSource::reopenLocked() const {
    DescriptorPool& pool = DescriptorPool::instance();
    pool.trim(1);
    int fd = ::open(m_path.constData(), O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
    if (fd < 0 && (errno == EMFILE || errno == ENFILE)) { // others use descriptors too: make room
        pool.trimTo(pool.open / 2);
        fd = ::open(m_path.constData(), O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
    }
    if (fd < 0) return false;
    struct stat st {};
    if (fstat(fd, &st) != 0 || !sameFile(st, m_device, m_inode)) {
        ::close(fd);
        return false;
    }
    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
    m_fd = fd;
    ++pool.open;
    return true;
}

FileByteSource::Lease FileByteSource::lease() const {
    DescriptorPool& pool = DescriptorPool::instance();
    std::lock_guard<std::mutex> lock(pool.mutex);
    if (m_fd < 0 && !reopenLocked()) return Lease();
    ++m_users;
    pool.touch(this);
    return Lease(this, m_fd);
}

FileByteSource::Lease& FileByteSource::Lease::operator=(Lease&& o) noexcept {
    if (this != &o) {
        this->~Lease();
        m_source = o.m_source;
        m_fd = o.m_fd;
        o.m_source = nullptr;
    }
    return *this;
}

FileByteSource::Lease::~Lease() {
    if (!m_source) return;
    std::lock_guard<std::mutex> lock(DescriptorPool::instance().mutex);
    --m_source->m_users;
    m_source = nullptr;
}

void FileByteSource::relocate(const QByteArray& path) {
    std::lock_guard<std::mutex> lock(DescriptorPool::instance().mutex);
    if (m_path.isEmpty() || path == m_path) return;
    m_path = path;
    m_pinned = false; // found again under its new name: closable once more
}

QByteArray FileByteSource::path() const {
    std::lock_guard<std::mutex> lock(DescriptorPool::instance().mutex);
    return m_path;
}

bool FileByteSource::isOpen() const {
    std::lock_guard<std::mutex> lock(DescriptorPool::instance().mutex);
    return m_fd >= 0;
}

bool FileByteSource::closedAndUnchanged(std::uint64_t size) const {
    std::lock_guard<std::mutex> lock(DescriptorPool::instance().mutex);
    if (m_fd >= 0) return false;
    struct stat st {};
    return stat(m_path.constData(), &st) == 0 && sameFile(st, m_device, m_inode) &&
           static_cast<std::uint64_t>(st.st_size) == size;
}

std::size_t FileByteSource::openCount() {
    std::lock_guard<std::mutex> lock(DescriptorPool::instance().mutex);
    return DescriptorPool::instance().open;
}

std::size_t FileByteSource::budget() {
    std::lock_guard<std::mutex> lock(DescriptorPool::instance().mutex);
    return DescriptorPool::instance().budget();
}

namespace {
std::size_t readAt(int fd, std::uint64_t offset, std::uint32_t length, std::string& out) {
    out.resize(length);
    std::size_t got = 0;
    while (got < length) {
        const ssize_t n = ::pread(fd, out.data() + got, length - got, static_cast<off_t>(offset + got));
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break;
        got += static_cast<std::size_t>(n);
    }
    out.resize(got);
    return got;
}

struct GuardedScan {
    ByteSource::Scan scan;
    const char* data;
    std::size_t size;
};
} // namespace

bool FileByteSource::read(std::uint64_t offset, std::uint32_t length, std::string& out) const {
    const Lease held = lease();
    if (!held) {
        out.clear();
        return length == 0;
    }
    return readAt(held.fd(), offset, length, out) == length;
}

std::shared_ptr<const FileMapping> FileByteSource::mapping(int fd, std::uint64_t fileSize,
                                                           std::uint64_t needed) const {
    std::lock_guard<std::mutex> lock(m_mappingMutex);
    if (!m_mapping || m_mapping->span() < needed) m_mapping = FileMapping::map(fd, fileSize);
    return m_mapping;
}

std::uint64_t FileByteSource::prepareScans(std::uint64_t budget) const {
    const Lease held = lease();
    struct stat st {};
    if (!held || fstat(held.fd(), &st) != 0 || !S_ISREG(st.st_mode) || st.st_size <= 0) return 0;
    // The file as it is now, which may have grown far past what was read: the budget keeps
    // a log written fast meanwhile from being read into memory whole.
    const std::uint64_t size = std::min(std::uint64_t(st.st_size), budget);
    if (size == 0) return 0;
    const std::shared_ptr<const FileMapping> map = mapping(held.fd(), std::uint64_t(st.st_size), size);
    if (!map) return 0;
#ifdef MADV_POPULATE_READ
    // A step at a time: each call holds the memory-map lock that a malloc growing its arena
    // waits for (memory/touchpages.cpp), and a file cached in 4 KB pages maps 4,096 of them.
    constexpr std::uint64_t kStep = std::uint64_t(16) << 20;
    for (std::uint64_t at = 0; at < size; at += kStep) {
        yieldToUrgentWork();
        // Only pages within the file: past its end madvise fails (a file cut meanwhile
        // too), where touching them would raise SIGBUS.
        if (madvise(const_cast<char*>(map->data()) + at, std::min(kStep, size - at), MADV_POPULATE_READ) != 0)
            return at;
    }
    return size;
#else
    return 0;
#endif
}

bool FileByteSource::scan(std::uint64_t offset, std::uint32_t length, std::string& scratch, Scan scan) const {
    const Lease held = lease();
    if (!held) {
        scan.fn(scan.context, nullptr, 0);
        return length == 0;
    }
    struct stat st {};
    const std::uint64_t end = offset + length;
    if (length > 0 && fstat(held.fd(), &st) == 0 && S_ISREG(st.st_mode) &&
        end <= static_cast<std::uint64_t>(st.st_size)) {
        if (const std::shared_ptr<const FileMapping> map =
                mapping(held.fd(), std::uint64_t(st.st_size), end)) {
            GuardedScan guarded{scan, map->data() + offset, length};
            const auto run = [](void* context) {
                const GuardedScan& g = *static_cast<GuardedScan*>(context);
                g.scan.fn(g.scan.context, g.data, g.size);
            };
            if (guardedRead(guarded.data, length, run, &guarded)) return true;
            // Cut since the fstat: what pread still finds is what the file holds now.
        }
    }
    const bool whole = readAt(held.fd(), offset, length, scratch) == length;
    scan.fn(scan.context, scratch.data(), scratch.size());
    return whole;
}

} // namespace vigil
