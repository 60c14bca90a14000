#include "filebytesource.h"

#include <cerrno>
#include <unistd.h>

namespace vigil {

FileByteSource::~FileByteSource() {
    if (m_fd >= 0) ::close(m_fd);
}

bool FileByteSource::read(std::uint64_t offset, std::uint32_t length, std::string& out) const {
    out.resize(length);
    std::size_t got = 0;
    while (got < length) {
        const ssize_t n = ::pread(m_fd, out.data() + got, length - got, static_cast<off_t>(offset + got));
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break;
        got += static_cast<std::size_t>(n);
    }
    out.resize(got);
    return got == length;
}

} // namespace vigil
