// A deployment's files readied for search once it is read (searchwarmup.h): every byte of
// every file of the store is readied, in the background, and a search after it finds the
// same rows as before it. (That a readied file's scans take almost no page faults is
// tested on a 48 MB file in tst_filemapping.)

#include "samplefiles.h"

#include "models/exec/executor.h"
#include "models/ingest/scanner.h"
#include "models/query/queryengine.h"
#include "models/query/searchwarmup.h"
#include "models/query/timeorder.h"

#include <QtTest>

using namespace vigil;

class TestSearchWarmUp : public QObject {
    Q_OBJECT
    Executor m_executor;

  private Q_SLOTS:
    void everyFileIsReadiedAndSearchesFindTheSameRows() {
        auto searchTimeout = [this](const EntryStore& store, const TimeOrder& order) {
            FilterSpec spec;
            spec.text = "timeout";
            return *CompiledQuery::compile(spec, store, nullptr)
                        ->filterInTimeOrder(store.snapshot(), TextAccess::capture(store), order, &m_executor);
        };
        EntryStore store;
        scanInto(store, {samples::root()});
        TimeOrder order;
        order.update(store.snapshot());
        const std::vector<EntryIndex> before = searchTimeout(store, order);
        QVERIFY(!before.empty());

        SearchWarmUp warmUp(m_executor);
        warmUp.start(store);
        warmUp.wait();
        std::uint64_t bytes = 0;
        for (std::uint32_t f = 0; f < store.sources().size(); ++f)
            bytes += store.sources()[FileId(f)].byteCount;
        QVERIFY(bytes > 0);
        QCOMPARE(warmUp.readied(), bytes);
        QCOMPARE(searchTimeout(store, order), before);
    }
};

QTEST_GUILESS_MAIN(TestSearchWarmUp)
#include "tst_searchwarmup.moc"
