// Retention by memory: nothing is evicted below the budget, the oldest whole segments go
// beyond it, the default budget is a share of physical memory (not a fixed count), and the
// scan report says how many entries are not held.
#include "models/parse/formatid.h"
#include "models/report/scanreport.h"
#include "models/store/entrystore.h"
#include "models/store/retention.h"

#include <QtTest>

#include <cmath>

using namespace vigil;

namespace {
EntryBatch makeBatch(FileId file, std::size_t n, std::uint64_t firstOffset) {
    EntryBatch b;
    b.file = file;
    for (std::size_t i = 0; i < n; ++i) {
        b.timeUs.push_back(std::int64_t(1000 + firstOffset + i));
        b.offset.push_back((firstOffset + i) * 10);
        b.length.push_back(9);
        b.instance.push_back(1);
        b.logger.push_back(0);
        b.endpoint.push_back(0);
        b.durationSeconds.push_back(std::nanf(""));
        b.status.push_back(0);
        b.level.push_back(std::uint8_t(Level::Info));
        b.format.push_back(std::uint8_t(FormatId::PythonText));
        b.flags.push_back(0);
        b.contentHash.push_back(0);
    }
    b.lines = n;
    b.bytes = n * 10;
    return b;
}

constexpr std::uint64_t kSegmentBytes = std::uint64_t(Segment::kCapacity) * Segment::kBytesPerEntry;

// Appends `total` entries in batches, applying the retention after each as the ingest does.
// Returns how many entries had been read when the first one was evicted (0: none was).
std::uint64_t fill(EntryStore& store, const Retention& retention, std::uint64_t total) {
    const FileId f = store.sources().add({});
    std::uint64_t firstEviction = 0;
    for (std::uint64_t at = 0; at < total; at += 10000) {
        EntryBatch b = makeBatch(f, std::min<std::uint64_t>(10000, total - at), at);
        if (at == 0) b.newInstances = {"svc"};
        store.append(b);
        if (retention.apply(store) > 0 && firstEviction == 0) firstEviction = store.counters().entries;
        if (store.memoryBytes() > retention.budgetBytes() + 2 * kSegmentBytes) return UINT64_MAX;
    }
    return firstEviction;
}
} // namespace

class TestRetention : public QObject {
    Q_OBJECT
  private Q_SLOTS:
    void nothingGoesBelowTheBudget() {
        EntryStore store;
        const Retention retention(20 * kSegmentBytes);
        QCOMPARE(fill(store, retention, 15 * Segment::kCapacity), std::uint64_t(0));
        QCOMPARE(store.size(), std::uint64_t(15 * Segment::kCapacity));
        QCOMPARE(entriesNotHeld(store), std::uint64_t(0));
    }

    void theOldestSegmentsGoBeyondIt() {
        EntryStore store;
        const Retention retention(10 * kSegmentBytes);
        const std::uint64_t firstEviction = fill(store, retention, 30 * Segment::kCapacity);
        QVERIFY(firstEviction != UINT64_MAX); // never far over the budget
        QVERIFY(firstEviction >= 10 * Segment::kCapacity);
        QVERIFY(store.beginIndex().value > 0);
        QVERIFY(store.memoryBytes() <= retention.budgetBytes() + 2 * kSegmentBytes);
        QCOMPARE(entriesNotHeld(store), store.counters().entries - store.size());
        QCOMPARE(store.counters().entries, std::uint64_t(30 * Segment::kCapacity));
        QCOMPARE(store.timeUs(EntryIndex(store.endIndex().value - 1)),
                 std::int64_t(1000 + 30 * Segment::kCapacity - 1));
    }

    void aCountLimitStillApplies() {
        EntryStore store;
        const Retention retention(1000 * kSegmentBytes, 3 * Segment::kCapacity);
        QCOMPARE(retention.maxEntries(), std::uint64_t(3 * Segment::kCapacity));
        fill(store, retention, 10 * Segment::kCapacity);
        QVERIFY(store.size() <= 4 * Segment::kCapacity);
    }

    void theDefaultIsAShareOfPhysicalMemory() {
        const Retention retention;
        const std::uint64_t physical = Retention::physicalMemoryBytes();
        QCOMPARE(retention.budgetBytes(), std::uint64_t(double(physical) * Retention::kDefaultShare));
        // A gigabyte of memory already holds more than the old fixed 4 M entries.
        if (physical >= (std::uint64_t(1) << 30)) QVERIFY(retention.maxEntries() > 4'000'000);
    }

    void theScanReportSaysWhatIsNotHeld() {
        EntryStore store;
        fill(store, Retention(4 * kSegmentBytes), 12 * Segment::kCapacity);
        const std::uint64_t notHeld = entriesNotHeld(store);
        QVERIFY(notHeld > 0);
        const ReadSummary summary;
        QVERIFY(scanReportText(store, summary)
                    .contains(QStringLiteral("Not held in memory: %1 entries").arg(notHeld)));
        QCOMPARE(scanReportJson(store, summary).value(QStringLiteral("not_held")).toDouble(),
                 double(notHeld));
        EntryStore whole;
        fill(whole, Retention(100 * kSegmentBytes), 2 * Segment::kCapacity);
        QVERIFY(!scanReportText(whole, summary).contains(QStringLiteral("Not held")));
    }
};

QTEST_APPLESS_MAIN(TestRetention)
#include "tst_retention.moc"
