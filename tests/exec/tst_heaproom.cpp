// A thread's heap takes the room for its small allocations in one step (models/memory/
// heaproom.h): after keepHeapRoom(), allocating megabytes in pieces of a few hundred bytes
// must not grow the heaps malloc holds, where the same allocations without it do, a page at
// a time. mallinfo2() counts the bytes of every heap; the test's other threads are idle. The
// second thread takes over the first one's arena, and the 2 MB it freed there: 3 MB grow it
// by the difference unless the room was taken.
#include "models/ingest/processsetup.h"
#include "models/memory/heaproom.h"

#include <QtTest>

#include <memory>
#include <thread>
#include <vector>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

using namespace vigil;

namespace {
#if defined(__GLIBC__)
std::size_t heapBytes() {
    return mallinfo2().arena;
}
#endif

// Small pieces, as the metrics catch-up allocates them: `bytes` in all.
std::vector<std::unique_ptr<char[]>> smallPieces(std::size_t bytes) {
    std::vector<std::unique_ptr<char[]>> pieces;
    pieces.reserve(bytes / 300 + 1);
    for (std::size_t taken = 0; taken < bytes; taken += 300) {
        pieces.emplace_back(new char[300]);
        pieces.back()[0] = 1; // written, as real data is
    }
    return pieces;
}
} // namespace

class TestHeapRoom : public QObject {
    Q_OBJECT
  private Q_SLOTS:
    void initTestCase() {
        if (!kGlibcHeaps) QSKIP("glibc's heaps only: a sanitizer's malloc has none");
        applyIngestProcessSettings(); // its mmap threshold puts the room in the heap
    }

    void withoutRoomTheHeapGrowsAsItIsUsed() {
#if defined(__GLIBC__)
        std::size_t grown = 0;
        std::thread([&] {
            const std::size_t before = heapBytes();
            const auto pieces = smallPieces(std::size_t(2) << 20);
            grown = heapBytes() - before;
        }).join();
        QVERIFY2(grown >= (std::size_t(2) << 20), qPrintable(QString::number(grown)));
#endif
    }

    void smallAllocationsFindTheRoomTaken() {
#if defined(__GLIBC__)
        std::size_t grown = 0, renewed = 0;
        std::thread([&] {
            keepHeapRoom();
            const std::size_t before = heapBytes();
            const auto pieces = smallPieces(std::size_t(3) << 20);
            grown = heapBytes() - before;
            // Called again with most of the room used: one step of at most the room.
            const std::size_t again = heapBytes();
            keepHeapRoom();
            renewed = heapBytes() - again;
        }).join();
        QCOMPARE(grown, std::size_t(0));
        QVERIFY2(renewed > 0 && renewed <= kHeapRoom, qPrintable(QString::number(renewed)));
#endif
    }
};

QTEST_GUILESS_MAIN(TestHeapRoom)
#include "tst_heaproom.moc"
