// The large buffers of a query and the store's segments live on 2 MB pages while the kernel
// has free ones at hand (models/memory/hugepages.h): writing one must take far fewer page
// faults than its 4 KB pages, where the kernel offers transparent huge pages at all. Not
// where a hypervisor takes free 2 MB blocks back (models/memory/freepagereporting.h): the
// tests of the 2 MB path ask for it with VIGIL_HUGE_PAGES=on, as such a machine would not.
#include "models/memory/freepagereporting.h"
#include "models/memory/hugepages.h"
#include "models/store/segmentedcolumns.h"

#include "../sanitizedbuild.h"
#include "pagefaults.h"

#include <QFile>
#include <QtTest>

#include <cstdint>
#include <cstdlib>
#include <vector>

using namespace vigil;
using vigil::testing::minorFaults;

namespace {
bool kernelOffersHugePages() {
    QFile settings(QStringLiteral("/sys/kernel/mm/transparent_hugepage/enabled"));
    if (!settings.open(QIODevice::ReadOnly)) return false;
    return !settings.readAll().contains("[never]");
}

bool kernelGivesHugePagesUnasked() {
    QFile settings(QStringLiteral("/sys/kernel/mm/transparent_hugepage/enabled"));
    return settings.open(QIODevice::ReadOnly) && settings.readAll().contains("[always]");
}
} // namespace

class TestHugePages : public QObject {
    Q_OBJECT
  private Q_SLOTS:
    void initTestCase() { qputenv("VIGIL_HUGE_PAGES", "on"); }
    void cleanup() { qputenv("VIGIL_HUGE_PAGES", "on"); }

    void reportingIsBitFiveOfTheBalloonsFeatures() {
        // As the driver lists them on a guest whose balloon reports free pages, and without.
        QVERIFY(reportsFreePages("01100101000000000000000000000000100000000000000000000000000000000000\n"));
        QVERIFY(!reportsFreePages("01100001000000000000000000000000100000000000000000000000000000000000\n"));
        QVERIFY(!reportsFreePages("01100"));
        QVERIFY(!reportsFreePages(""));
    }

    void noHugePagesWhenTheyDoNotPayOff() {
        constexpr std::size_t kBytes = Segment::kCapacity * Segment::kBytesPerEntry;
        qputenv("VIGIL_HUGE_PAGES", "off");
        QVERIFY(!hugePagesPayOff());
        QVERIFY(!freeHugePagesAtHand(kBytes));
        qunsetenv("VIGIL_HUGE_PAGES");
        QCOMPARE(hugePagesPayOff(), !freeBlocksGoBackToHost());
        qputenv("VIGIL_HUGE_PAGES", "off");
        if (!kernelOffersHugePages() || kernelGivesHugePagesUnasked())
            QSKIP("this kernel's huge pages do not wait to be asked for");
        auto* block = static_cast<unsigned char*>(allocateLarge(kBytes));
        const long before = minorFaults();
        for (std::size_t k = 0; k < kBytes; k += 4096)
            block[k] = 1;
        const long faults = minorFaults() - before;
        std::free(block);
        // 672 with 4 KB pages (fewer where malloc hands back pages it already had).
        QVERIFY2(faults > 400, qPrintable(QStringLiteral("%1 page faults for a segment").arg(faults)));
    }

    void reservedBufferKeepsItsContents() {
        std::vector<std::uint64_t> v{1, 2, 3};
        reserveLarge(v, std::size_t(8) << 20);
        QVERIFY(v.capacity() >= std::size_t(8) << 20);
        QCOMPARE(v, (std::vector<std::uint64_t>{1, 2, 3}));
        std::vector<std::uint64_t> small;
        reserveLarge(small, 10); // under the threshold: plain reserve
        QVERIFY(small.capacity() >= 10);
        preferHugePages(nullptr, 0); // nothing to advise
    }

    void largeBufferFaultsInHugePages() {
        if (!kernelOffersHugePages()) QSKIP("this kernel has transparent huge pages turned off");
        constexpr std::size_t kEntries = std::size_t(64) << 17; // 64 MB of 8-byte entries
        if (!freeHugePagesAtHand(kEntries * 8)) QSKIP("the kernel has no free 2 MB blocks at hand now");
        std::vector<std::uint64_t> v;
        reserveLarge(v, kEntries);
        const long before = minorFaults();
        for (std::size_t k = 0; k < kEntries; ++k)
            v.push_back(k);
        const long faults = minorFaults() - before;
        // 16,384 with 4 KB pages; 32 with 2 MB pages, a few more at the unaligned edges (and
        // 2,048 more for the shadow memory of a sanitizer build).
        QVERIFY2(faults < 4096, qPrintable(QStringLiteral("%1 page faults for 64 MB").arg(faults)));
        QCOMPARE(v[kEntries - 1], std::uint64_t(kEntries - 1));
    }

    void storeBlockStartsOnAHugePage() {
        if (!kernelOffersHugePages()) QSKIP("this kernel has transparent huge pages turned off");
        constexpr std::size_t kBytes = Segment::kCapacity * Segment::kBytesPerEntry;
        if (!freeHugePagesAtHand(kBytes)) QSKIP("the kernel has no free 2 MB blocks at hand now");
#ifdef VIGIL_TEST_SANITIZED
        // AddressSanitizer's allocator maps each large block itself, and the kernel gave
        // those 4 KB pages (all of them faulted, and its shadow's, with the block aligned and advised).
        QSKIP("a sanitizer's allocator places large blocks itself");
#endif
        auto* block = static_cast<unsigned char*>(allocateLarge(kBytes));
        QCOMPARE(reinterpret_cast<std::uintptr_t>(block) % (std::uintptr_t(2) << 20), std::uintptr_t(0));
        const long before = minorFaults();
        for (std::size_t k = 0; k < kBytes; k += 4096)
            block[k] = 1;
        const long faults = minorFaults() - before;
        std::free(block);
        // 672 with 4 KB pages; one for the huge page and 160 for the 4 KB pages after it.
        QVERIFY2(faults < 400, qPrintable(QStringLiteral("%1 page faults for a segment").arg(faults)));
    }

    void matchListStartsOnAHugePage() {
        // A few MB of matches: from malloc the block starts anywhere and its first 2 MB are 4 KB
        // pages; from LargeAllocator it starts on a 2 MB boundary and they are one huge page.
        if (!kernelOffersHugePages()) QSKIP("this kernel has transparent huge pages turned off");
        constexpr std::size_t kEntries = std::size_t(3) << 17; // 3 MB of 8-byte offsets
        if (!freeHugePagesAtHand(kEntries * 8)) QSKIP("the kernel has no free 2 MB blocks at hand now");
#ifdef VIGIL_TEST_SANITIZED
        QSKIP("a sanitizer's allocator places large blocks itself");
#endif
        std::vector<std::uint64_t, LargeAllocator<std::uint64_t>> v;
        v.reserve(kEntries);
        QCOMPARE(reinterpret_cast<std::uintptr_t>(v.data()) % (std::uintptr_t(2) << 20), std::uintptr_t(0));
        const long before = minorFaults();
        for (std::size_t k = 0; k < (std::size_t(2) << 20) / 8; ++k)
            v.push_back(k);
        const long faults = minorFaults() - before;
        // 512 with 4 KB pages.
        QVERIFY2(faults < 64, qPrintable(QStringLiteral("%1 page faults for the first 2 MB").arg(faults)));
        QCOMPARE(v.back(), std::uint64_t((std::size_t(2) << 20) / 8 - 1));
    }

    void noAdviceWithoutFreeBlocks() {
        // No machine has a petabyte of free 2 MB blocks: the block is a plain one, and works.
        QVERIFY(!freeHugePagesAtHand(std::size_t(1) << 50));
        auto* small = static_cast<unsigned char*>(allocateLarge(1000));
        small[999] = 7;
        QCOMPARE(int(small[999]), 7);
        std::free(small);
    }
};

QTEST_GUILESS_MAIN(TestHugePages)
#include "tst_hugepages.moc"
