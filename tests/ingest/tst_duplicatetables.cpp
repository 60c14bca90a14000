// The duplicate detector with its big tables made ahead on a worker answers exactly as one
// that makes them itself, across growth and window generations, and does take them. A
// table it makes itself takes one page fault a page, not two.

#include "models/exec/executor.h"
#include "models/store/duplicatedetector.h"

#include "../exec/pagefaults.h"

#include <QtTest>

#include <random>

using namespace vigil;

class TestDuplicateTables : public QObject {
    Q_OBJECT
  private Q_SLOTS:
    void preparedTablesGiveTheSameAnswers_data() {
        QTest::addColumn<int>("window");
        QTest::newRow("unbounded") << 0;
        QTest::newRow("window") << 300000; // generations of 150,000 hashes: swaps, no growth after the first
    }
    void preparedTablesGiveTheSameAnswers() {
        QFETCH(int, window);
        Executor executor(2);
        DuplicateDetector own, prepared;
        own.setWindow(std::size_t(window));
        prepared.setWindow(std::size_t(window));
        prepared.setExecutor(&executor);
        std::mt19937_64 rng(3);
        std::vector<std::uint64_t> recent; // texts written to a second file soon after
        std::size_t duplicates = 0;
        for (int i = 0; i < 700000; ++i) {
            std::uint64_t hash;
            FileId file(0);
            if (!recent.empty() && rng() % 4 == 0) {
                hash = recent[rng() % recent.size()];
                file = FileId(1 + std::uint32_t(rng() % 2));
            } else {
                hash = rng() | 1;
                if (recent.size() < 4096)
                    recent.push_back(hash);
                else
                    recent[rng() % recent.size()] = hash;
            }
            const InstanceId instance(std::uint32_t(rng() % 3));
            const bool a = own.seenElsewhere(instance, hash, file);
            const bool b = prepared.seenElsewhere(instance, hash, file);
            if (a != b) QFAIL(qPrintable(QStringLiteral("answers differ at %1").arg(i)));
            duplicates += a;
            // The worker is given time to finish, so that its tables are ready when wanted.
            if (i % 512 == 0) prepared.waitForPreparation();
        }
        QVERIFY(duplicates > 1000);
        QCOMPARE(prepared.size(), own.size());
        QVERIFY2(prepared.preparedTablesUsed() >= 2,
                 qPrintable(QString::number(prepared.preparedTablesUsed())));
        QCOMPARE(own.preparedTablesUsed(), std::uint64_t(0));
    }

    // A lookup in fresh calloc'd slots maps the shared zero page and the insert that follows
    // replaces it, flushing the other cores' TLBs: two faults and an interrupt to each core
    // a page. Slots written once when allocated fault once a page. The detector is filled to
    // a 4 MB table (262,144 slots of 12 bytes), without an executor, so every table is its own.
    void ownTablesFaultOncePerPage() {
        DuplicateDetector detector;
        std::mt19937_64 rng(5);
        const long before = testing::minorFaults();
        for (int i = 0; i < 150000; ++i)
            QVERIFY(!detector.seenElsewhere(InstanceId(1), rng() | 1, FileId(0)));
        const long faults = testing::minorFaults() - before;
        // Every table from 1,024 slots up to 262,144: twice the last one's pages, at most.
        // Faulting twice a page gives about twice that; AddressSanitizer's shadow memory adds
        // about a third.
        const std::uint64_t pages = 2 * detector.memoryBytes() / 4096;
        QVERIFY2(detector.memoryBytes() >= 262144 * 12, qPrintable(QString::number(detector.memoryBytes())));
        QVERIFY2(std::uint64_t(faults) < pages * 16 / 10,
                 qPrintable(QStringLiteral("%1 faults for %2 pages").arg(faults).arg(pages)));
    }
};

QTEST_GUILESS_MAIN(TestDuplicateTables)
#include "tst_duplicatetables.moc"
