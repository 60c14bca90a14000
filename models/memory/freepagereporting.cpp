#include "freepagereporting.h"

#include "kernelfile.h"

#include <dirent.h>
#include <string>

namespace vigil {

namespace {

constexpr std::size_t kReportingBit = 5; // VIRTIO_BALLOON_F_REPORTING
constexpr const char* kBalloonDevices = "/sys/bus/virtio/drivers/virtio_balloon";

// Every device the balloon driver is bound to (virtio0, ...): one is enough.
bool anyBalloonReports() {
    DIR* devices = ::opendir(kBalloonDevices);
    if (!devices) return false;
    bool reports = false;
    while (const dirent* entry = ::readdir(devices)) {
        const std::string_view name(entry->d_name);
        if (name.substr(0, 6) != "virtio") continue;
        if (reportsFreePages(
                readKernelFile((std::string(kBalloonDevices) + '/' + entry->d_name + "/features").c_str()))) {
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
