// The incident docks in the window: on a deployment where one of five siblings fails a
// third of its requests, "What stands out" names it and the sidebar badges it; the
// Patterns dock lists the messages and a click filters the table to exactly one pattern's
// entries; "What changed" puts a new burst of errors first.

#include "deploymentwriter.h"

#include "models/insight/patternlistmodel.h"
#include "views/charts/chartspanel.h"
#include "views/charts/ratechart.h"
#include "views/chartsdocks.h"
#include "views/filterbar.h"
#include "views/insight/diffview.h"
#include "views/insight/insightdocks.h"
#include "views/logtableview.h"
#include "views/mainwindow.h"

#include <QAbstractItemModelTester>
#include <QDockWidget>
#include <QListWidget>
#include <QSettings>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>
#include <QTreeWidget>

using namespace vigil;

namespace {
constexpr std::int64_t kSplitMs = test::kStartMs + 480'000;

QByteArray incident(const test::InstancePlan& p, int i, std::int64_t ms) {
    QByteArray out;
    if (i % 20 == 0)
        out += test::textLine(ms, p.name, "INFO", QStringLiteral("Cache warmed with %1 keys").arg(1000 + i));
    if (ms >= kSplitMs && p.name == QStringLiteral("api-1") && i % 4 == 0)
        out +=
            test::textLine(ms, p.name, "ERROR",
                           QStringLiteral("Payment pay_%1x declined by gateway 'stripe-eu'").arg(90000 + i));
    return out;
}
} // namespace

class TestInsightDocks : public QObject {
    Q_OBJECT
    QTemporaryDir m_settings;

  private Q_SLOTS:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QSettings::setDefaultFormat(QSettings::IniFormat);
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_settings.path());
        QCoreApplication::setOrganizationName(QStringLiteral("VigilTest"));
    }

    void answersInTheWindow() {
        QTemporaryDir dir;
        std::vector<test::InstancePlan> plans;
        for (int i = 0; i < 5; ++i) {
            test::InstancePlan p;
            p.name = QStringLiteral("api-%1").arg(i);
            p.errorShare = i == 3 ? 0.33 : 0.03;
            p.requests = 600;
            plans.push_back(p);
        }
        QVERIFY(test::writeDeployment(dir.path(), plans, incident));

        MainWindow w;
        w.resize(1366, 768);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        w.openRoots({dir.path()});
        InsightDocks* insight = w.insight();
        // The new docks are tabs to pick: the charts stay in front of their group.
        auto* chartsDock = w.findChild<QDockWidget*>(QStringLiteral("chartsDock"));
        QVERIFY(chartsDock);
        QTRY_VERIFY(!chartsDock->visibleRegion().isEmpty());
        QVERIFY(insight->patternsDock()->visibleRegion().isEmpty());

        // What stands out: api-3, and only api-3.
        auto* list = insight->standsOutDock()->findChild<QListWidget*>();
        QVERIFY(list);
        QTRY_VERIFY(!insight->outliers().empty());
        QVERIFY2(list->item(0)->text().startsWith(QStringLiteral("api-3: error rate 3")),
                 qPrintable(list->item(0)->text()));
        for (const Outlier& o : insight->outliers())
            QCOMPARE(w.workspace()->store().instances().label(o.instance.value), QStringLiteral("api-3"));
        // Rechecked with nothing new (the metrics say they changed), the findings stand: the
        // list is not laid out again, nor is anyone told (each relayout shaped every line).
        {
            QTest::qWait(1200); // past any recheck the opening left pending
            QSignalSpy changed(insight, &InsightDocks::outliersChanged);
            const QListWidgetItem* shown = list->item(0);
            auto* metrics = const_cast<MetricsModel*>(&w.workspace()->metrics());
            QVERIFY(QMetaObject::invokeMethod(metrics, "updated"));
            QTest::qWait(1500);
            QCOMPARE(changed.count(), 0);
            QCOMPARE(list->item(0), shown);
        }
        // The sidebar badges it.
        QAbstractItemModel* sidebar = w.sidebar()->model();
        QTRY_VERIFY(sidebar->rowCount(sidebar->index(0, 0)) == 5);
        int badged = 0;
        for (int r = 0; r < 5; ++r) {
            const QModelIndex i = sidebar->index(r, 0, sidebar->index(0, 0));
            if (!i.data(InstanceModel::RemarkRole).toString().isEmpty()) {
                ++badged;
                QCOMPARE(i.data().toString(), QStringLiteral("api-3"));
            }
        }
        QCOMPARE(badged, 1);
        // Its line on the error-rate chart is drawn thicker than its siblings'.
        const auto width = [&](const QString& name) {
            for (QAbstractSeries* series : w.charts()->panel()->errorRateChart()->chart()->series())
                if (series->name() == name) return qobject_cast<QXYSeries*>(series)->pen().widthF();
            return 0.0;
        };
        QTRY_VERIFY(width(QStringLiteral("api-3")) > 1.5 * width(QStringLiteral("api-0")));
        QVERIFY(width(QStringLiteral("api-0")) > 0);
        // A click on the sentence shows that instance's entries only.
        QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, list->visualItemRect(list->item(0)).center());
        QTRY_COMPARE(w.workspace()->instances().hiddenInstances().size() > 3 ? 1 : 0, 1);

        // Patterns: the model is consistent and a click filters the table to one pattern.
        auto* table = insight->patternsDock()->findChild<QTableView*>(QStringLiteral("patternsTable"));
        QVERIFY(table);
        QTRY_VERIFY(table->model()->rowCount() >= 3);
        auto* model = qobject_cast<PatternListModel*>(
            static_cast<QSortFilterProxyModel*>(table->model())->sourceModel());
        QVERIFY(model);
        QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        w.clearFilters();
        int payment = -1;
        QTRY_VERIFY([&] {
            for (int r = 0; r < table->model()->rowCount(); ++r)
                if (table->model()
                        ->index(r, PatternListModel::PatternColumn)
                        .data()
                        .toString()
                        .startsWith(QStringLiteral("Payment")))
                    payment = r;
            return payment >= 0 &&
                   table->model()->index(payment, PatternListModel::CountColumn).data().toULongLong() == 30;
        }());
        table->scrollTo(table->model()->index(payment, PatternListModel::PatternColumn));
        QTest::mouseClick(
            table->viewport(), Qt::LeftButton, {},
            table->visualRect(table->model()->index(payment, PatternListModel::PatternColumn)).center());
        QVERIFY(w.filterBar()->state().regex);
        QTRY_COMPARE(w.table()->model()->rowCount(), 30);

        // What changed: the burst after minute 8 is the first line.
        w.clearFilters();
        DiffView* diff = insight->diffView();
        diff->compare({test::kStartMs * 1000, kSplitMs * 1000},
                      {kSplitMs * 1000, (test::kStartMs + 600'000) * 1000});
        QTRY_VERIFY(!diff->busy());
        QTreeWidgetItem* patterns = diff->tree()->topLevelItem(0);
        QVERIFY(patterns && patterns->childCount() > 0);
        QVERIFY2(patterns->child(0)->text(3).startsWith(QStringLiteral("Payment {id} declined")),
                 qPrintable(patterns->child(0)->text(3)));
        QVERIFY(patterns->child(0)->text(0).startsWith(QStringLiteral("new +30")));
    }
};

QTEST_MAIN(TestInsightDocks)
#include "tst_insightdocks.moc"
