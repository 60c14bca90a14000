#pragma once
// Entry text read back from a file with pread. It keeps its descriptor, so the bytes
// stay readable after the file is renamed by rotation or deleted.

#include "../store/bytesource.h"

namespace vigil {

class FileByteSource final : public ByteSource {
public:
    explicit FileByteSource(int fd) : m_fd(fd) {}
    ~FileByteSource() override;
    FileByteSource(const FileByteSource&) = delete;
    FileByteSource& operator=(const FileByteSource&) = delete;

    bool read(std::uint64_t offset, std::uint32_t length, std::string& out) const override;
    int fd() const { return m_fd; }

private:
    int m_fd;
};

} // namespace vigil
