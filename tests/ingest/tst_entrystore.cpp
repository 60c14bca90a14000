// The columnar store: id mapping per source, counters, segments, eviction, snapshots.
#include "models/ingest/scanner.h"
#include "models/parse/formatid.h"
#include "models/store/entrystore.h"

#include <QtTest>

#include <cmath>

using namespace vigil;

namespace {
EntryBatch makeBatch(FileId file, std::size_t n, std::uint64_t firstOffset, Level level,
                     std::uint32_t instanceLocalId) {
    EntryBatch b;
    b.file = file;
    for (std::size_t i = 0; i < n; ++i) {
        b.timeUs.push_back(std::int64_t(1000 + firstOffset + i));
        b.offset.push_back(firstOffset + i * 10);
        b.length.push_back(9);
        b.instance.push_back(instanceLocalId);
        b.logger.push_back(0);
        b.endpoint.push_back(0);
        b.durationSeconds.push_back(std::nanf(""));
        b.status.push_back(0);
        b.level.push_back(std::uint8_t(level));
        b.format.push_back(std::uint8_t(FormatId::PythonText));
        b.flags.push_back(0);
        b.contentHash.push_back(0);
    }
    b.lines = n;
    b.bytes = n * 10;
    return b;
}
} // namespace

class TestEntryStore : public QObject {
    Q_OBJECT
  private Q_SLOTS:
    void mapsSourceLocalIds();
    void crossesSegmentsAndEvicts();
    void snapshotOutlivesEviction();
    void readsTextThroughByteSource();
    void entriesOver64KbKeepTheirLength();
};

void TestEntryStore::mapsSourceLocalIds() {
    EntryStore store;
    const FileId a = store.sources().add({});
    const FileId b = store.sources().add({});
    EntryBatch first = makeBatch(a, 2, 0, Level::Info, 1);
    first.newInstances = {"alpha"};
    store.append(first);
    EntryBatch second = makeBatch(b, 3, 0, Level::Error, 1); // local id 1 of another source
    second.newInstances = {"beta"};
    store.append(second);
    EntryBatch third = makeBatch(a, 1, 20, Level::Error, 1); // alpha again, no new strings
    store.append(third);
    QCOMPARE(store.size(), 6u);
    QCOMPARE(std::string(store.instances().text(store.instance(EntryIndex(0)).value)), std::string("alpha"));
    QCOMPARE(std::string(store.instances().text(store.instance(EntryIndex(2)).value)), std::string("beta"));
    QCOMPARE(std::string(store.instances().text(store.instance(EntryIndex(5)).value)), std::string("alpha"));
    const StoreCounters& c = store.counters();
    QCOMPARE(c.byLevel[int(Level::Error)], 4u);
    QCOMPARE(c.entriesByInstance[store.instances().find("alpha")], 3u);
    QCOMPARE(c.errorsByInstance[store.instances().find("beta")], 3u);
    QCOMPARE(store.sources()[a].entries, 3u);
    QCOMPARE(store.sources()[a].lines, 3u);
}

void TestEntryStore::crossesSegmentsAndEvicts() {
    EntryStore store;
    const FileId f = store.sources().add({});
    const std::size_t n = Segment::kCapacity * 3 + 100;
    EntryBatch b = makeBatch(f, n, 0, Level::Info, 1);
    b.newInstances = {"x"};
    store.append(b);
    QCOMPARE(store.size(), std::uint64_t(n));
    QCOMPARE(store.timeUs(EntryIndex(Segment::kCapacity + 5)), std::int64_t(1000 + Segment::kCapacity + 5));
    std::uint64_t visited = 0;
    store.forEachSegmentIn(
        store.beginIndex(), store.endIndex(),
        [&](const Segment&, std::size_t from, std::size_t to, EntryIndex) { visited += to - from; });
    QCOMPARE(visited, std::uint64_t(n));

    const std::uint64_t dropped = store.evictOldest(Segment::kCapacity + 100);
    QCOMPARE(dropped, std::uint64_t(Segment::kCapacity * 2));
    QCOMPARE(store.beginIndex().value, std::uint64_t(Segment::kCapacity * 2));
    QCOMPARE(store.endIndex().value, std::uint64_t(n));
    QVERIFY(!store.contains(EntryIndex(5)));
    QCOMPARE(store.timeUs(store.beginIndex()), std::int64_t(1000 + Segment::kCapacity * 2));
    QCOMPARE(store.counters().entries, std::uint64_t(n)); // totals keep counting evicted entries
}

void TestEntryStore::snapshotOutlivesEviction() {
    EntryStore store;
    const FileId f = store.sources().add({});
    EntryBatch b = makeBatch(f, Segment::kCapacity * 2, 0, Level::Warning, 1);
    b.newInstances = {"x"};
    store.append(b);
    const StoreSnapshot snap = store.snapshot();
    store.evictOldest(10);
    store.append(makeBatch(f, 10, 0, Level::Info, 1));
    QCOMPARE(snap.size(), std::uint64_t(Segment::kCapacity * 2));
    QCOMPARE(snap.level(EntryIndex(3)), Level::Warning);
    QCOMPARE(snap.endIndex().value, std::uint64_t(Segment::kCapacity * 2));
    QCOMPARE(store.endIndex().value, std::uint64_t(Segment::kCapacity * 2 + 10));
}

void TestEntryStore::readsTextThroughByteSource() {
    EntryStore store;
    SourceInfo info;
    info.bytes = std::make_shared<MemoryByteSource>("line zero\nline one\n");
    const FileId f = store.sources().add(std::move(info));
    EntryBatch b = makeBatch(f, 2, 0, Level::Info, 1);
    b.newInstances = {"x"};
    b.length = {9, 8};
    store.append(b);
    std::string text;
    QVERIFY(store.readText(EntryIndex(1), text));
    QCOMPARE(text, std::string("line one"));
    QVERIFY(!store.readText(EntryIndex(7), text));
}

// Lengths are stored in 16-bit halves, the high half only for a segment that needs it: an
// entry of 64 KB or more, in a segment of short ones, must still read back whole.
void TestEntryStore::entriesOver64KbKeepTheirLength() {
    QTemporaryDir dir;
    QVERIFY(QDir().mkpath(dir.path() + "/logs"));
    QFile file(dir.path() + "/logs/app.log");
    QVERIFY(file.open(QIODevice::WriteOnly));
    std::vector<std::string> lines;
    const auto json = [](int second, std::size_t padding) {
        return "{\"timestamp\": \"2025-11-10T10:20:" + std::to_string(10 + second) +
               ".000000\", \"level\": \"INFO\", \"message\": \"" + std::string(padding, 'x') + "\"}";
    };
    lines.push_back(json(0, 10));
    lines.push_back(json(1, 100000)); // over 64 KB
    lines.push_back(json(2, 20));
    lines.push_back(json(3, 65535 - json(3, 0).size())); // exactly 65,535 bytes
    lines.push_back(json(4, 65536 - json(4, 0).size())); // exactly 65,536 bytes
    lines.push_back(json(5, 30));
    for (const std::string& line : lines)
        file.write(line.data(), qint64(line.size())), file.write("\n");
    file.close();

    EntryStore store;
    scanInto(store, {dir.path()});
    QCOMPARE(store.size(), std::uint64_t(lines.size()));
    std::string text;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        QCOMPARE(store.length(EntryIndex(i)), std::uint32_t(lines[i].size()));
        QVERIFY(store.readText(EntryIndex(i), text));
        QCOMPARE(text, lines[i]);
    }
    QCOMPARE(lines[3].size(), std::size_t(65535));
    QCOMPARE(lines[4].size(), std::size_t(65536));
}

QTEST_APPLESS_MAIN(TestEntryStore)
#include "tst_entrystore.moc"
