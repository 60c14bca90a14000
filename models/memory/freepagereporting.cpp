#include "freepagereporting.h"

#include <dirent.h>
#include <fcntl.h>
#include <string>
#include <unistd.h>

namespace vigil {

namespace {

constexpr std::size_t kReportingBit = 5; // VIRTIO_BALLOON_F_REPORTING
constexpr const char* kBalloonDevices = "/sys/bus/virtio/drivers/virtio_balloon";

std::string readSmallFile(const std::string& path) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return {};
    char text[512];
    const ssize_t got = ::read(fd, text, sizeof text);
    ::close(fd);
    return got > 0 ? std::string(text, static_cast<std::size_t>(got)) : std::string();
}

// Every device the balloon driver is bound to (virtio0, ...): one is enough.
bool anyBalloonReports() {
    DIR* devices = ::opendir(kBalloonDevices);
    if (!devices) return false;
    bool reports = false;
    while (const dirent* entry = ::readdir(devices)) {
        const std::string_view name(entry->d_name);
        if (name.substr(0, 6) != "virtio") continue;
        if (reportsFreePages(
                readSmallFile(std::string(kBalloonDevices) + '/' + entry->d_name + "/features"))) {
            reports = true;
            break;
        }
    }
    ::closedir(devices);
    return reports;
}

} // namespace

bool reportsFreePages(std::string_view featureBits) {
    return featureBits.size() > kReportingBit && featureBits[kReportingBit] == '1';
}

bool freeBlocksGoBackToHost() {
    static const bool reports = anyBalloonReports();
    return reports;
}

} // namespace vigil
