// A fresh block's pages are faulted in by mapEveryPage and writeEveryPage
// (models/memory/touchpages.h), on the calling thread: writing the block afterwards must take no page fault,
// the block must read as zeros, and the bytes just outside it (another allocation's) must stay as they were.
#include "models/memory/touchpages.h"

#include "pagefaults.h"

#include <QtTest>

#include <cstdint>
#include <cstring>
#include <sys/mman.h>

using namespace vigil;

using vigil::testing::minorFaults;

class TestTouchPages : public QObject {
    Q_OBJECT
  private Q_SLOTS:
    void blockFaultsInOnce_data() {
        QTest::addColumn<std::size_t>("startInPage");
        QTest::addColumn<std::size_t>("bytes");
        QTest::addColumn<bool>("neighbours"); // data of other allocations on the edge pages
        QTest::addColumn<bool>("write");      // writeEveryPage, else mapEveryPage
        struct Block {
            const char* name;
            std::size_t startInPage, bytes;
            bool neighbours;
        };
        const Block blocks[] = {
            {"aligned, whole pages", 0, 64 * 4096, true},
            {"unaligned both ends", 100, 64 * 4096 - 300, true},
            {"within one page", 100, 1000, true},
            {"across one boundary", 4000, 200, true},
            {"across one boundary, alone", 4000, 200, false},
            {"unaligned, alone", 100, 3 * 4096, false},
        };
        for (const bool write : {false, true})
            for (const Block& b : blocks)
                QTest::addRow("%s, %s", write ? "written" : "mapped", b.name)
                    << b.startInPage << b.bytes << b.neighbours << write;
    }
    void blockFaultsInOnce() {
        QFETCH(std::size_t, startInPage);
        QFETCH(std::size_t, bytes);
        QFETCH(bool, neighbours);
        QFETCH(bool, write);
        constexpr std::size_t kMapped = 70 * 4096;
        void* map = mmap(nullptr, kMapped, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        QVERIFY(map != MAP_FAILED);
        auto* mapped = static_cast<unsigned char*>(map);
        // The neighbours' bytes, on the pages the block shares with them.
        unsigned char* block = mapped + 4096 + startInPage;
        if (neighbours) {
            block[-1] = 0xAB;
            block[bytes] = 0xCD;
        }
        std::size_t blockPages = 0;
        for (auto p = reinterpret_cast<std::uintptr_t>(block) & ~std::uintptr_t(4095);
             p < reinterpret_cast<std::uintptr_t>(block + bytes); p += 4096)
            ++blockPages;

        const long beforeTouch = minorFaults();
        if (write)
            writeEveryPage(block, bytes);
        else
            mapEveryPage(block, bytes);
        const long touchFaults = minorFaults() - beforeTouch;
        // Each page at most once (the neighbours' two were faulted in already).
        QVERIFY2(touchFaults <= long(blockPages),
                 qPrintable(QStringLiteral("%1 faults for %2 pages").arg(touchFaults).arg(blockPages)));

        for (std::size_t i = 0; i < bytes; ++i)
            QCOMPARE(int(block[i]), 0);
        const long beforeWrite = minorFaults();
        std::memset(block, 0x5A, bytes);
        QCOMPARE(minorFaults() - beforeWrite, 0L);
        QCOMPARE(int(block[-1]), neighbours ? 0xAB : 0);
        QCOMPARE(int(block[bytes]), neighbours ? 0xCD : 0);
        munmap(map, kMapped);
    }
    void emptyBlockIsLeftAlone() {
        mapEveryPage(nullptr, 0);
        writeEveryPage(nullptr, 0);
    }
};

QTEST_GUILESS_MAIN(TestTouchPages)
#include "tst_touchpages.moc"
