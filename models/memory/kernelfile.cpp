#include "kernelfile.h"

#include <fcntl.h>
#include <unistd.h>

namespace vigil {

std::string readKernelFile(const char* path) {
    const int fd = ::open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return {};
    char text[kKernelFileMaxBytes];
    const ssize_t got = ::read(fd, text, sizeof text);
    ::close(fd);
    return got > 0 ? std::string(text, static_cast<std::size_t>(got)) : std::string();
}

} // namespace vigil
