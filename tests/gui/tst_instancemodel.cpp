// InstanceModel under QAbstractItemModelTester: instances grouped by root, counts from
// the store, check boxes hiding instances.

#include "../query/samplefiles.h"

#include "models/ingest/liveingest.h"
#include "models/instancemodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QtTest>

using namespace vigil;

class TestInstanceModel : public QObject {
    Q_OBJECT
  private Q_SLOTS:
    void groupsCountsAndChecks() {
        EntryStore store;
        LiveIngest ingest(store);
        InstanceModel model(store);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        connect(&ingest, &LiveIngest::entriesAppended, &model, &InstanceModel::refresh);
        QSignalSpy done(&ingest, &LiveIngest::initialScanFinished);
        ingest.open({samples::root()});
        QVERIFY(done.wait(20000));
        model.refresh();

        QCOMPARE(model.rowCount(), 1); // one root
        const QModelIndex root = model.index(0, 0);
        QCOMPARE(root.data().toString(), QStringLiteral("deployment"));
        const int instances = model.rowCount(root);
        // Every instance that has entries, and only those (path names overridden by tags are not).
        int withEntries = 0;
        for (std::uint64_t n : store.counters().entriesByInstance)
            withEntries += n > 0 ? 1 : 0;
        QCOMPARE(instances, withEntries);
        quint64 entries = 0, errors = 0;
        for (int r = 0; r < instances; ++r) {
            entries += model.index(r, InstanceModel::EntriesColumn, root).data().toULongLong();
            errors += model.index(r, InstanceModel::ErrorsColumn, root).data().toULongLong();
        }
        const QJsonObject expected = samples::expected();
        QCOMPARE(qint64(entries), qint64(expected[QStringLiteral("entries")].toInt()));
        QCOMPARE(qint64(errors),
                 qint64(expected[QStringLiteral("levels")].toObject()[QStringLiteral("ERROR")].toInt()));
        QCOMPARE(model.index(0, InstanceModel::EntriesColumn).data().toULongLong(), entries);

        // eco-backend: its own file's count (EXPECTED.json).
        const InstanceId eco(store.instances().find("eco-backend"));
        const QModelIndex ecoIndex = model.indexOf(eco);
        QVERIFY(ecoIndex.isValid());
        QCOMPARE(ecoIndex.data().toString(), QStringLiteral("eco-backend"));
        QCOMPARE(ecoIndex.siblingAtColumn(InstanceModel::EntriesColumn).data().toInt(),
                 expected[QStringLiteral("files")]
                     .toObject()[QStringLiteral("instances/eco-backend/logs/app.log")]
                     .toObject()[QStringLiteral("entries")]
                     .toInt());

        QSignalSpy hidden(&model, &InstanceModel::hiddenInstancesChanged);
        QVERIFY(model.setData(ecoIndex, Qt::Unchecked, Qt::CheckStateRole));
        QCOMPARE(hidden.count(), 1);
        QVERIFY(model.hiddenInstances()[eco.value]);
        QCOMPARE(root.data(Qt::CheckStateRole).toInt(), int(Qt::PartiallyChecked));
        QVERIFY(model.setData(root, Qt::Unchecked, Qt::CheckStateRole));
        for (int r = 0; r < instances; ++r)
            QCOMPARE(model.index(r, 0, root).data(Qt::CheckStateRole).toInt(), int(Qt::Unchecked));
        model.showOnly(eco);
        QCOMPARE(ecoIndex.data(Qt::CheckStateRole).toInt(), int(Qt::Checked));
        for (int r = 0; r < instances; ++r) {
            const QModelIndex i = model.index(r, 0, root);
            QCOMPARE(i.data(Qt::CheckStateRole).toInt(), int(i == ecoIndex ? Qt::Checked : Qt::Unchecked));
        }
        model.showAll();
        QCOMPARE(root.data(Qt::CheckStateRole).toInt(), int(Qt::Checked));
        model.reset();
        QCOMPARE(model.rowCount(), 0);
    }
};

QTEST_GUILESS_MAIN(TestInstanceModel)
#include "tst_instancemodel.moc"
