// The pieces that keep following for days flat in memory: the duplicate detector's window,
// the latency histogram, and the release of a source's generations once evicted.

#include "models/ingest/streambytesource.h"
#include "models/store/duplicatedetector.h"

#include <QtTest>

using namespace vigil;

class TestFollowMemory : public QObject {
    Q_OBJECT
  private Q_SLOTS:
    void duplicateWindowKeepsMemoryFlat();
    void duplicateFoundAcrossWindowTurn();
    void duplicateUnboundedByDefault();
    void duplicateFoundWhileTheTableGrows();
    void generationsMapOffsets();
    void endedGenerationReleasedOnceEvicted();
};

void TestFollowMemory::duplicateWindowKeepsMemoryFlat() {
    DuplicateDetector d;
    d.setWindow(10000);
    std::uint64_t peak = 0;
    for (std::uint64_t h = 1; h <= 2000000; ++h) {
        QVERIFY(!d.seenElsewhere(InstanceId(1), h * 0x9e3779b97f4a7c15ULL, FileId(0)));
        if (h % 100000 == 0) peak = std::max(peak, d.memoryBytes());
    }
    QVERIFY(d.size() <= 10000);
    QVERIFY2(peak <= 2 * 16384 * 16, qPrintable(QString::number(peak))); // two tables of 16 K slots
}

void TestFollowMemory::duplicateFoundAcrossWindowTurn() {
    DuplicateDetector d;
    d.setWindow(100);
    QVERIFY(!d.seenElsewhere(InstanceId(1), 42, FileId(0))); // app.log
    for (std::uint64_t h = 1000; h < 1060; ++h)
        d.seenElsewhere(InstanceId(1), h, FileId(0));        // the window turns
    QVERIFY(d.seenElsewhere(InstanceId(1), 42, FileId(1)));  // error.log: still recognised
    QVERIFY(!d.seenElsewhere(InstanceId(1), 42, FileId(0))); // app.log itself is no duplicate
    QVERIFY(!d.seenElsewhere(InstanceId(2), 42, FileId(1))); // another instance is no duplicate
}

void TestFollowMemory::duplicateUnboundedByDefault() {
    DuplicateDetector d;
    for (std::uint64_t h = 1; h <= 50000; ++h)
        d.seenElsewhere(InstanceId(1), h, FileId(0));
    QCOMPARE(d.size(), std::size_t(50000));
    QVERIFY(d.seenElsewhere(InstanceId(1), 1, FileId(1)));
}

void TestFollowMemory::duplicateFoundWhileTheTableGrows() {
    // The table grows by moving its slots over a few per insert: a hash still in the old
    // slots, or already moved, is recognised all the same, through several growths.
    DuplicateDetector d;
    const auto hash = [](std::uint64_t h) { return h * 0x9e3779b97f4a7c15ULL; };
    for (std::uint64_t h = 1; h <= 300000; ++h) {
        QVERIFY(!d.seenElsewhere(InstanceId(1), hash(h), FileId(0)));
        // The error.log copy of an entry seen a while ago, and of the one just seen.
        const std::uint64_t earlier = 1 + (h * 7919) % h;
        QVERIFY(d.seenElsewhere(InstanceId(1), hash(earlier), FileId(1)));
        QVERIFY(d.seenElsewhere(InstanceId(1), hash(h), FileId(1)));
        QVERIFY(!d.seenElsewhere(InstanceId(1), hash(earlier), FileId(0)));
    }
    QCOMPARE(d.size(), std::size_t(300000));
}

void TestFollowMemory::generationsMapOffsets() {
    StreamByteSource s;
    s.setGeneration(0, std::make_shared<MemoryByteSource>("first file"));
    s.setGeneration(1, std::make_shared<MemoryByteSource>("second file"));
    std::string out;
    QVERIFY(s.read(6, 4, out));
    QCOMPARE(out, std::string("file"));
    QVERIFY(s.read(generationBase(1) + 0, 6, out));
    QCOMPARE(out, std::string("second"));
    s.loseGeneration(0); // cut in place: its ranges must not read the new content
    QVERIFY(!s.read(0, 5, out));
    QVERIFY(out.empty());
    QVERIFY(!s.read(generationBase(7), 3, out)); // never seen
}

void TestFollowMemory::endedGenerationReleasedOnceEvicted() {
    StreamByteSource s;
    auto bytes = std::make_shared<MemoryByteSource>("abc");
    s.setGeneration(0, bytes);
    s.setGeneration(1, std::make_shared<MemoryByteSource>("def"));
    s.noteStored(0, 99);
    s.noteStored(1, 150);
    QCOMPARE(s.releaseEvicted(1000), std::size_t(0)); // nothing ended yet: still followed
    s.endGeneration(0);
    QCOMPARE(s.releaseEvicted(50), std::size_t(0)); // entries 50..99 still stored
    QCOMPARE(s.releaseEvicted(100), std::size_t(1));
    QCOMPARE(s.generationCount(), std::size_t(1));
    QCOMPARE(bytes.use_count(), 1L); // the file (here: memory) is let go
}

QTEST_APPLESS_MAIN(TestFollowMemory)
#include "tst_followmemory.moc"
