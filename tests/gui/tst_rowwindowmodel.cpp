// RowWindowModel under QAbstractItemModelTester, over a plain table of numbered rows and over
// the log table of the sample deployment: every row of the window is the source row it
// names, through inserts above, inside and below it, removals, resets and window moves.

#include "../query/samplefiles.h"
#include "models/exec/executor.h"

#include "models/ingest/scanner.h"
#include "models/logtablemodel.h"
#include "models/rowwindowmodel.h"
#include "models/windowselectionmodel.h"

#include <QAbstractItemModelTester>
#include <QItemSelection>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QtTest>

#include <vector>

using namespace vigil;

// Rows holding distinct numbers, changed the way the log table changes.
class NumberTable : public QAbstractTableModel {
  public:
    std::vector<int> rows;
    int next = 0;

    int rowCount(const QModelIndex& parent = {}) const override {
        return parent.isValid() ? 0 : int(rows.size());
    }
    int columnCount(const QModelIndex& parent = {}) const override { return parent.isValid() ? 0 : 3; }
    QVariant data(const QModelIndex& index, int role) const override {
        if (!index.isValid() || role != Qt::DisplayRole) return {};
        return rows[std::size_t(index.row())] * 10 + index.column();
    }
    void insert(int at, int count) {
        beginInsertRows({}, at, at + count - 1);
        for (int k = 0; k < count; ++k)
            rows.insert(rows.begin() + at + k, next++);
        endInsertRows();
    }
    void remove(int at, int count) {
        beginRemoveRows({}, at, at + count - 1);
        rows.erase(rows.begin() + at, rows.begin() + at + count);
        endRemoveRows();
    }
    void replace(int count) {
        beginResetModel();
        rows.clear();
        for (int k = 0; k < count; ++k)
            rows.push_back(next++);
        endResetModel();
    }
};

class TestRowWindowModel : public QObject {
    Q_OBJECT

    // Every row of the window is the source's row first()+r, in every column. Removals may
    // leave it short of its capacity (the view fills it again), nothing makes it longer.
    static bool showsItsRows(const RowWindowModel& window, const QAbstractItemModel& source) {
        if (window.size() > std::min(window.capacity(), source.rowCount() - window.first())) return false;
        if (window.rowCount() != window.size() || window.first() < 0) return false;
        for (int r = 0; r < window.rowCount(); ++r)
            for (int c = 0; c < window.columnCount(); ++c)
                if (window.index(r, c).data() != source.index(window.first() + r, c).data()) return false;
        return true;
    }

  private Q_SLOTS:
    void followsEveryChangeOfItsSource() {
        NumberTable table;
        table.replace(1000);
        RowWindowModel window;
        QAbstractItemModelTester tester(&window, QAbstractItemModelTester::FailureReportingMode::QtTest);
        window.setSourceModel(&table);
        window.setWindow(400, 100);
        QCOMPARE(window.first(), 400);
        QCOMPARE(window.rowCount(), 100);
        QVERIFY(showsItsRows(window, table));
        const QVariant top = window.index(0, 0).data();

        // Above the window: it moves down with its rows, no change of its own.
        QSignalSpy inserted(&window, &QAbstractItemModel::rowsInserted);
        QSignalSpy reset(&window, &QAbstractItemModel::modelReset);
        table.insert(10, 50);
        QCOMPARE(window.first(), 450);
        QCOMPARE(window.index(0, 0).data(), top);
        QCOMPARE(inserted.count(), 0);
        QVERIFY(showsItsRows(window, table));

        // Inside it: inserted, and the rows pushed out at the bottom leave.
        table.insert(460, 5);
        QCOMPARE(inserted.count(), 1);
        QCOMPARE(window.rowCount(), 100);
        QVERIFY(showsItsRows(window, table));

        // Below a full window: nothing.
        table.insert(900, 20);
        QCOMPARE(inserted.count(), 1);
        QVERIFY(showsItsRows(window, table));

        // Removed above, across its top, inside, across its bottom.
        table.remove(0, 20);
        QCOMPARE(window.first(), 430);
        QVERIFY(showsItsRows(window, table));
        table.remove(420, 20);
        QCOMPARE(window.first(), 420);
        QCOMPARE(window.rowCount(), 90);
        table.remove(450, 3);
        QCOMPARE(window.rowCount(), 87);
        table.remove(500, 100);
        QCOMPARE(window.rowCount(), 80);
        QCOMPARE(reset.count(), 0);
        window.setWindow(window.first(), 100); // the view fills it again
        QCOMPARE(reset.count(), 1);
        QVERIFY(showsItsRows(window, table));
        window.setWindow(window.first(), 100); // unchanged: no reset
        QCOMPARE(reset.count(), 1);

        // A new result: the window keeps its place, clamped to the rows there are.
        table.replace(300);
        QCOMPARE(reset.count(), 2);
        QCOMPARE(window.first(), 200);
        QVERIFY(showsItsRows(window, table));
        table.replace(30);
        QCOMPARE(window.first(), 0);
        QCOMPARE(window.rowCount(), 30);

        // Appended right below while it has room: they join it, up to its capacity.
        table.insert(30, 50);
        QCOMPARE(window.rowCount(), 80);
        table.insert(80, 50);
        QCOMPARE(window.rowCount(), 100);
        QVERIFY(showsItsRows(window, table));
        table.replace(0);
        QCOMPARE(window.rowCount(), 0);
        table.insert(0, 10);
        QCOMPARE(window.rowCount(), 10);
        QVERIFY(showsItsRows(window, table));
    }

    void randomChangesKeepTheMapping() {
        NumberTable table;
        table.replace(5000);
        RowWindowModel window;
        QAbstractItemModelTester tester(&window, QAbstractItemModelTester::FailureReportingMode::QtTest);
        window.setSourceModel(&table);
        QRandomGenerator random(7);
        for (int step = 0; step < 400; ++step) {
            const int rows = table.rowCount();
            switch (random.bounded(5)) {
            case 0:
                table.insert(random.bounded(rows + 1), 1 + random.bounded(300));
                break;
            case 1:
                if (rows > 0) {
                    const int at = random.bounded(rows);
                    table.remove(at, 1 + random.bounded(std::min(rows - at, 300)));
                }
                break;
            case 2:
                window.setWindow(random.bounded(rows + 1), 50 + random.bounded(300));
                break;
            case 3:
                if (random.bounded(10) == 0) table.replace(random.bounded(4000));
                break;
            default:
                table.insert(rows, 1 + random.bounded(50)); // appended, as while following
            }
            QVERIFY2(showsItsRows(window, table), qPrintable(QString::number(step)));
        }
    }

    void selectionsMapAsRanges() {
        NumberTable table;
        table.replace(10'000);
        RowWindowModel window;
        window.setSourceModel(&table);
        window.setWindow(5000, 200);
        const QItemSelection all(table.index(0, 0), table.index(table.rowCount() - 1, 2));
        const QItemSelection shown = window.mapSelectionFromSource(all);
        QCOMPARE(shown.size(), 1);
        QCOMPARE(shown.first().top(), 0);
        QCOMPARE(shown.first().bottom(), 199);
        const QItemSelection back = window.mapSelectionToSource(shown);
        QCOMPARE(back.first().top(), 5000);
        QCOMPARE(back.first().bottom(), 5199);
        QCOMPARE(window.mapToSource(window.index(3, 1)), table.index(5003, 1));
        QVERIFY(!window.mapFromSource(table.index(4999, 0)).isValid());
        QCOMPARE(window.headerData(3, Qt::Vertical), table.headerData(5003, Qt::Vertical));
    }

    void selectionInTheWindowReachesTheFullModel() {
        NumberTable table;
        table.replace(10'000);
        RowWindowModel window;
        window.setSourceModel(&table);
        window.setWindow(5000, 100);
        QItemSelectionModel full(&table);
        WindowSelectionModel shown(&window, nullptr);
        shown.setFull(&full);
        full.select(QItemSelection(table.index(10, 0), table.index(20, 2)), QItemSelectionModel::Select);

        // A click in the window: its row, in the full model's rows; Ctrl+click adds.
        shown.setCurrentIndex(window.index(3, 0),
                              QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        QCOMPARE(full.currentIndex().row(), 5003);
        QCOMPARE(full.selectedRows().size(), 1); // the clear reached rows outside the window
        QVERIFY(full.isRowSelected(5003));
        shown.select(window.index(7, 0), QItemSelectionModel::Toggle | QItemSelectionModel::Rows);
        QVERIFY(full.isRowSelected(5007));
        QCOMPARE(full.selectedRows().size(), 2);

        // The window moving (a reset) or a projection from the full model changes nothing there.
        window.setWindow(8000, 100);
        shown.reset();
        QCOMPARE(full.selectedRows().size(), 2);
        QCOMPARE(full.currentIndex().row(), 5003);
        shown.setProjecting(true);
        shown.select(window.index(1, 0), QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        shown.setProjecting(false);
        QCOMPARE(full.selectedRows().size(), 2);
        shown.clear();
        QVERIFY(!full.hasSelection());
    }

    void overTheLogTable() {
        Executor executor;
        EntryStore store;
        scanInto(store, {samples::root()});
        LogTableModel model(store, executor);
        RowWindowModel window;
        QAbstractItemModelTester tester(&window, QAbstractItemModelTester::FailureReportingMode::QtTest);
        window.setSourceModel(&model);
        window.setWindow(100, 150);
        QCOMPARE(window.first(), 0); // clamped to the rows there are: none yet
        model.entriesAppended();
        const int total = samples::expected().value(QStringLiteral("entries")).toInt();
        QTRY_COMPARE(model.rowCount(), total);
        QVERIFY(showsItsRows(window, model));
        window.setWindow(100, 150);
        QCOMPARE(window.rowCount(), 150);
        QCOMPARE(window.first(), 100);
        QVERIFY(showsItsRows(window, model));
        for (int r = 0; r < window.rowCount(); ++r)
            QCOMPARE(window.index(r, 0).data(LogTableModel::EntryIndexRole).toULongLong(),
                     model.entryAt(100 + r).value);
        // A filter: a new result, the window clamped to it.
        FilterSpec errors;
        errors.levelMask = 1u << unsigned(Level::Error);
        QVERIFY(model.setFilter(errors).isEmpty());
        QTRY_VERIFY(model.settled() && model.rowCount() < total);
        QVERIFY(showsItsRows(window, model));
    }
};

QTEST_MAIN(TestRowWindowModel)
#include "tst_rowwindowmodel.moc"
