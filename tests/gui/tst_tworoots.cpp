// The main window on the samples and on a copy of them opened together (two roots with
// same-named instances and files), driven through its real widgets: rows readable once
// read, roots kept apart in the sidebar, charts, alerts and context, filter controls that
// show the filter in force, level counts and histogram that follow the filter, and a
// folder being written opening in follow mode.

#include "../query/samplecopy.h"

#include "models/alerts/alertmonitor.h"
#include "views/alerts/alertbanner.h"
#include "views/alerts/alertsui.h"
#include "views/charts/chartspanel.h"
#include "views/charts/volumechart.h"
#include "views/chartsdocks.h"
#include "views/detailpane.h"
#include "views/exportrunner.h"
#include "views/filterbar.h"
#include "views/logtableview.h"
#include "views/mainwindow.h"

#include <QAction>
#include <QAreaSeries>
#include <QJsonDocument>
#include <QLineEdit>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QToolButton>
#include <QTreeView>
#include <QtTest>

using namespace vigil;

class TestTwoRoots : public QObject {
    Q_OBJECT
    QTemporaryDir m_settings, m_copyParent;
    QString m_copy; // .../deployment-copy, dated an hour back
    int m_total = 0;

    static void settle(MainWindow& w) {
        QTRY_VERIFY_WITH_TIMEOUT(!w.filterBar()->pending() && w.workspace()->table().settled(), 20000);
    }
    int shownRows(MainWindow& w) { return w.workspace()->table().rowCount(); }
    void openBoth(MainWindow& w) {
        w.resize(1400, 900);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        w.openRoots({samples::root(), m_copy});
        QTRY_VERIFY_WITH_TIMEOUT(w.workspace()->ingest().initialScanDone(), 20000);
        QTRY_COMPARE(shownRows(w), 2 * m_total);
        settle(w);
        // The sidebar's counts are coalesced: wait for both roots to list everything.
        QAbstractItemModel* instances = w.sidebar()->model();
        QTRY_COMPARE(instances->rowCount(), 2);
        QTRY_COMPARE(instances->index(0, InstanceModel::EntriesColumn).data().toInt(), m_total);
        QTRY_COMPARE(instances->index(1, InstanceModel::EntriesColumn).data().toInt(), m_total);
    }
    // The sidebar row of an instance under a root group.
    static QModelIndex instanceRow(QAbstractItemModel* model, int root, const QString& name) {
        const QModelIndex parent = model->index(root, 0);
        for (int r = 0; r < model->rowCount(parent); ++r)
            if (model->index(r, 0, parent).data().toString() == name) return model->index(r, 0, parent);
        return {};
    }

  private Q_SLOTS:
    void initTestCase() {
        QSettings::setDefaultFormat(QSettings::IniFormat);
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_settings.path());
        QCoreApplication::setOrganizationName(QStringLiteral("VigilTest"));
        m_copy = m_copyParent.filePath(QStringLiteral("deployment-copy"));
        QCOMPARE(samples::copyTo(m_copy, 3600), 9);
        m_total = samples::expected()[QStringLiteral("entries")].toInt();
    }

    void rowsReadableOnceRead() {
        MainWindow w;
        openBoth(w);
        // Every row the view paints, and every other row, shows its message.
        LogTableModel& table = w.workspace()->table();
        for (int r = 0; r < table.rowCount(); ++r) {
            const QString message = table.index(r, LogTableModel::MessageColumn).data().toString();
            QVERIFY2(message != QStringLiteral("(unreadable)"), qPrintable(QString::number(r)));
        }
    }

    void rootsStayApart() {
        MainWindow w;
        openBoth(w);
        QAbstractItemModel* instances = w.sidebar()->model();
        // One group per root, each with its own eco-backend and its own counts.
        // (In the order their first entries were read.)
        const QSet<QString> groups{instances->index(0, 0).data().toString(),
                                   instances->index(1, 0).data().toString()};
        QCOMPARE(groups, (QSet<QString>{QStringLiteral("deployment"), QStringLiteral("deployment-copy")}));
        const int eco = samples::fileEntries(QStringLiteral("instances/eco-backend/logs/app.log"));
        for (int root = 0; root < 2; ++root) {
            QCOMPARE(instances->rowCount(instances->index(root, 0)),
                     instances->rowCount(instances->index(0, 0)));
            const QModelIndex row = instanceRow(instances, root, QStringLiteral("eco-backend"));
            QVERIFY(row.isValid());
            QCOMPARE(row.siblingAtColumn(InstanceModel::EntriesColumn).data().toInt(), eco);
        }
        // Unticking the copy's eco-backend leaves the samples' one shown.
        instances->setData(instanceRow(instances, 1, QStringLiteral("eco-backend")), Qt::Unchecked,
                           Qt::CheckStateRole);
        settle(w);
        QCOMPARE(shownRows(w), 2 * m_total - eco);
        w.clearFilters();
        settle(w);

        // The table and the charts name the copy's instances with their root.
        const EntryStore& store = w.workspace()->store();
        QSet<QString> labels;
        for (std::uint32_t id = 1; id < store.instances().size(); ++id)
            labels << store.instances().label(id);
        QVERIFY(labels.contains(QStringLiteral("deployment/eco-backend")));
        QVERIFY(labels.contains(QStringLiteral("deployment-copy/eco-backend")));
        ChartsPanel* panel = w.charts()->panel();
        panel->setWindow(ChartWindow::All);
        QSet<QString> lines;
        for (const InstanceChartLines& in : panel->data().instances)
            lines << in.name;
        QVERIFY(lines.contains(QStringLiteral("deployment-copy/eco-backend")));
        QVERIFY(lines.contains(QStringLiteral("deployment/eco-backend")));
        // Clicking the copy's line shows only the copy's instance.
        w.showInstanceOnly(QStringLiteral("deployment-copy/eco-backend"));
        settle(w);
        QCOMPARE(shownRows(w), eco);

        // Alerts are raised per root: every per-instance alert names its root.
        AlertEngine& engine = w.workspace()->alerts();
        int perInstance = 0;
        for (const Alert& a : engine.history()) {
            if (a.instance.isEmpty()) continue;
            ++perInstance;
            QVERIFY2(a.instance.startsWith(QStringLiteral("deployment/")) ||
                         a.instance.startsWith(QStringLiteral("deployment-copy/")),
                     qPrintable(a.instance));
        }
        int copies = 0;
        for (const Alert& a : engine.history())
            copies += a.instance.startsWith(QStringLiteral("deployment-copy/"));
        QCOMPARE(copies * 2, perInstance);
    }

    void contextIsOneFile() {
        MainWindow w;
        openBoth(w);
        // The copy's orchestrator entry, in context: that file only, not the samples' one.
        const EntryStore& store = w.workspace()->store();
        EntryIndex entry;
        bool found = false;
        for (std::uint64_t i = store.beginIndex().value; i < store.endIndex().value && !found; ++i) {
            const SourceInfo& s = store.sources()[store.file(EntryIndex(i))];
            if (s.root == m_copy && s.relativePath == QStringLiteral("octollm/orchestrator.log"))
                entry = EntryIndex(i), found = true;
        }
        QVERIFY(found);
        Q_EMIT w.detail()->showInContext(entry);
        settle(w);
        const int orchestrator = samples::fileEntries(QStringLiteral("octollm/orchestrator.log"));
        QCOMPARE(shownRows(w), orchestrator);
        for (EntryIndex e : w.workspace()->table().rows())
            QCOMPARE(store.file(e), store.file(entry));
        QVERIFY(w.filterBar()->fieldEdit()->text().contains(m_copy));
        QVERIFY(store.instances()
                    .label(store.instance(entry).value)
                    .startsWith(QStringLiteral("deployment-copy/")));
        QTRY_COMPARE(w.workspace()->table().entryAt(w.table()->currentIndex().row()), entry);

        // Its export carries that file's entries and nothing else.
        QTemporaryDir out;
        const QString file = out.filePath(QStringLiteral("context.jsonl"));
        ExportRunner* runner = w.exportTo(file);
        QVERIFY(runner);
        QSignalSpy done(runner, &ExportRunner::finished);
        QVERIFY(done.wait(20000));
        QFile f(file);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QList<QByteArray> exported = f.readAll().split('\n');
        int lines = 0;
        for (const QByteArray& line : exported) {
            if (line.isEmpty()) continue;
            ++lines;
            QCOMPARE(QJsonDocument::fromJson(line).object()[QStringLiteral("instance")].toString(),
                     store.instances().label(store.instance(entry).value));
        }
        QCOMPARE(lines, orchestrator);
    }

    void escapeShowsTheFilterInForce() {
        MainWindow w;
        openBoth(w);
        QAbstractItemModel* instances = w.sidebar()->model();
        instances->setData(instances->index(1, 0), Qt::Unchecked, Qt::CheckStateRole);
        settle(w);
        QCOMPARE(shownRows(w), m_total);
        // Esc clears every filter: the sidebar is told at once (its boxes redraw), not at
        // the next repaint.
        QSignalSpy changed(instances, &QAbstractItemModel::dataChanged);
        QTest::keyClick(&w, Qt::Key_Escape);
        bool told = false;
        for (const QList<QVariant>& args : changed) {
            const QModelIndex from = args.at(0).toModelIndex(), to = args.at(1).toModelIndex();
            const auto roles = args.at(2).value<QList<int>>();
            if ((roles.isEmpty() || roles.contains(Qt::CheckStateRole)) &&
                from.parent() == instances->index(1, 0) && from.row() == 0 &&
                to.row() == instances->rowCount(instances->index(1, 0)) - 1)
                told = true;
        }
        QVERIFY(told);
        for (int root = 0; root < 2; ++root) {
            const QModelIndex parent = instances->index(root, 0);
            QCOMPARE(parent.data(Qt::CheckStateRole).toInt(), int(Qt::Checked));
            for (int r = 0; r < instances->rowCount(parent); ++r)
                QCOMPARE(instances->index(r, 0, parent).data(Qt::CheckStateRole).toInt(), int(Qt::Checked));
        }
        settle(w);
        QCOMPARE(shownRows(w), 2 * m_total);
    }

    void countsFollowTheFilter() {
        MainWindow w;
        openBoth(w);
        const EntryStore& store = w.workspace()->store();
        // Only the copy's eco-backend: each level button counts its entries of that level,
        // whichever levels are shown.
        const std::uint32_t eco = store.instances().find("deployment-copy/eco-backend");
        QVERIFY(eco != InstanceTable::kNotFound);
        w.showInstanceOnly(QStringLiteral("deployment-copy/eco-backend"));
        QTest::mouseClick(w.filterBar()->levelButton(Level::Debug), Qt::LeftButton); // DEBUG hidden
        settle(w);
        std::array<int, kLevelCount> expected{};
        for (std::uint64_t i = store.beginIndex().value; i < store.endIndex().value; ++i)
            if (store.instance(EntryIndex(i)).value == eco)
                ++expected[std::size_t(store.level(EntryIndex(i)))];
        QVERIFY(expected[std::size_t(Level::Debug)] > 0);
        for (Level l : {Level::Debug, Level::Info, Level::Warning, Level::Error}) {
            const QString text = w.filterBar()->levelButton(l)->text();
            QVERIFY2(text.endsWith(QStringLiteral(" %1").arg(expected[std::size_t(l)])), qPrintable(text));
        }
        QCOMPARE(shownRows(w), expected[std::size_t(Level::Info)] + expected[std::size_t(Level::Warning)] +
                                   expected[std::size_t(Level::Error)] +
                                   expected[std::size_t(Level::Critical)]);

        // A search too: the counts are of the entries that match it.
        QTest::keyClicks(w.filterBar()->searchEdit(), QStringLiteral("POST"));
        settle(w);
        std::array<int, kLevelCount> matching{};
        std::string text;
        for (std::uint64_t i = store.beginIndex().value; i < store.endIndex().value; ++i)
            if (store.instance(EntryIndex(i)).value == eco && store.readText(EntryIndex(i), text) &&
                QString::fromStdString(text).contains(QStringLiteral("post"), Qt::CaseInsensitive))
                ++matching[std::size_t(store.level(EntryIndex(i)))];
        for (Level l : {Level::Debug, Level::Info, Level::Error})
            QVERIFY2(w.filterBar()->levelButton(l)->text().endsWith(
                         QStringLiteral(" %1").arg(matching[std::size_t(l)])),
                     qPrintable(w.filterBar()->levelButton(l)->text()));

        // The histogram above the table draws the rows the table shows.
        ChartsPanel* panel = w.charts()->panel();
        panel->setWindow(ChartWindow::All);
        QTRY_VERIFY(panel->data().maxVolume > 0);
        const ChartData& data = panel->data();
        double bars = 0;
        const QList<QPointF>& top = data.volume[std::size_t(kVolumeStack[std::size(kVolumeStack) - 1])];
        for (int k = 0; k + 1 < top.size(); k += 2)
            bars += top[k].y(); // each bar is two points
        QCOMPARE(int(bars + 0.5), shownRows(w));
    }

    void liveFolderOpensFollowing() {
        // The copy is dated an hour back: opened, it is not followed.
        {
            MainWindow w;
            w.show();
            w.openRoots({m_copy});
            QTRY_VERIFY_WITH_TIMEOUT(w.workspace()->ingest().initialScanDone(), 20000);
            QTest::qWait(200);
            QVERIFY(!w.followAction()->isChecked());
        }
        // Written to a moment ago: it is a live folder and opens following.
        QTemporaryDir live;
        QCOMPARE(samples::copyTo(live.path(), 3600), 9);
        QFile log(QDir(live.path()).filePath(QStringLiteral("octollm/orchestrator.log")));
        QVERIFY(log.open(QIODevice::Append));
        log.write(
            "{\"timestamp\": \"2024-01-04T10:00:00Z\", \"level\": \"info\", \"message\": \"written now\"}\n");
        log.close();
        MainWindow w;
        w.show();
        w.openRoots({live.path()});
        QTRY_VERIFY_WITH_TIMEOUT(w.followAction()->isChecked(), 10000);
        QVERIFY(w.table()->following());
    }
};

QTEST_MAIN(TestTwoRoots)
#include "tst_tworoots.moc"
