// The window on a laptop screen: run once per screen (1280×720, 1366×768, 1920×1080 at
// scale 2, set by CTest through the offscreen platform's screen file). With the samples, a
// copy of them holding an instance with a long name, a generated corpus and the live demo
// open together, the window must lie inside the screen and be able to shrink to 900×520:
// every pane gives way (wraps, elides, scrolls) instead of widening the window.

#include "models/demo/demowriter.h"
#include "views/charts/chartspanel.h"
#include "views/charts/timechartview.h"
#include "views/chartsdocks.h"
#include "views/mainwindow.h"

#include <QAction>
#include <QApplication>
#include <QChartView>
#include <QDir>
#include <QDockWidget>
#include <QFile>
#include <QGraphicsTextItem>
#include <QLayout>
#include <QMenuBar>
#include <QProcess>
#include <QScreen>
#include <QScrollArea>
#include <QScrollBar>
#include <QSettings>
#include <QTabBar>
#include <QTemporaryDir>
#include <QtTest>

using namespace vigil;

namespace {
constexpr int kMaxMinimumWidth = 900, kMaxMinimumHeight = 520;

bool copyTree(const QString& from, const QString& to) {
    QDir().mkpath(to);
    for (const QFileInfo& info : QDir(from).entryInfoList(QDir::Files | QDir::Dirs | QDir::NoDotAndDotDot)) {
        const QString target = to + QLatin1Char('/') + info.fileName();
        if (info.isDir() ? !copyTree(info.filePath(), target) : !QFile::copy(info.filePath(), target))
            return false;
    }
    return true;
}

// The widgets that ask for the most room, for the failure message.
QString widestWidgets(QWidget* window) {
    QStringList lines;
    for (QWidget* w : window->findChildren<QWidget*>()) {
        if (!w->isVisible()) continue;
        const QSize hint = w->minimumSizeHint().expandedTo(w->minimumSize());
        if (hint.width() > kMaxMinimumWidth / 2 || hint.height() > kMaxMinimumHeight / 2)
            lines << QStringLiteral("%1 (%2): %3×%4")
                         .arg(QString::fromLatin1(w->metaObject()->className()), w->objectName())
                         .arg(hint.width())
                         .arg(hint.height());
    }
    return lines.join(QStringLiteral("; "));
}
} // namespace

class TestWindowFit : public QObject {
    Q_OBJECT
    QTemporaryDir m_settings, m_roots;
    QStringList m_rootPaths;
    std::unique_ptr<DemoWriter> m_demo;

    QRect available() const { return QGuiApplication::primaryScreen()->availableGeometry(); }

    void verifyFits(MainWindow& w) {
        const QSize minimum = w.minimumSizeHint().expandedTo(w.minimumSize());
        QVERIFY2(minimum.width() <= kMaxMinimumWidth && minimum.height() <= kMaxMinimumHeight,
                 qPrintable(QStringLiteral("minimum %1×%2; widest: %3")
                                .arg(minimum.width())
                                .arg(minimum.height())
                                .arg(widestWidgets(&w))));
        const QRect frame = w.frameGeometry();
        qInfo("minimum %d×%d, frame %d×%d, screen %d×%d", minimum.width(), minimum.height(), frame.width(),
              frame.height(), available().width(), available().height());
        QVERIFY2(available().contains(frame),
                 qPrintable(QStringLiteral("frame %1,%2 %3×%4 outside the screen %5×%6")
                                .arg(frame.x())
                                .arg(frame.y())
                                .arg(frame.width())
                                .arg(frame.height())
                                .arg(available().width())
                                .arg(available().height())));
    }

    // The charts take the dock's width: a caption or a row of buttons wider than the dock
    // would make them scroll sideways, their titles and right edges cut off.
    void verifyChartsFitTheirDock(MainWindow& w) {
        ChartsPanel* panel = w.charts()->panel();
        QVERIFY(panel);
        auto* scroll = qobject_cast<QScrollArea*>(panel->parentWidget()->parentWidget());
        QVERIFY(scroll);
        QVERIFY2(!scroll->horizontalScrollBar()->isVisible(),
                 qPrintable(QStringLiteral("charts need %1 px, the dock shows %2")
                                .arg(panel->minimumSizeHint().width())
                                .arg(scroll->viewport()->width())));
        QCOMPARE(panel->width(), scroll->viewport()->width());
    }

    // Every time and value label of the charts whole: QtCharts cuts a label that does not fit
    // its tick spacing to "10:0…" or "…", which reads as no value at all. Only a chart's own
    // title may be cut (its dock's width is the user's to choose).
    void verifyNoChartLabelCut(MainWindow& w) {
        for (QChartView* view : w.findChildren<QChartView*>()) {
            if (!view->isVisible()) continue;
            const QString title = view->chart()->title();
            for (QGraphicsItem* item : view->scene()->items()) {
                const auto* text = dynamic_cast<QGraphicsTextItem*>(item);
                if (!text || !item->isVisible()) continue;
                const QString shown = text->toPlainText();
                const bool cut = shown.endsWith(QLatin1String("...")) || shown.endsWith(QChar(0x2026));
                const bool titleCut =
                    cut && !title.isEmpty() && title.startsWith(shown.left(shown.size() - 3));
                QVERIFY2(!cut || titleCut,
                         qPrintable(QStringLiteral("%1 (%2×%3) shows \"%4\"")
                                        .arg(QString::fromLatin1(view->metaObject()->className()))
                                        .arg(view->width())
                                        .arg(view->height())
                                        .arg(shown)));
            }
        }
    }

    // Each dock tab wide enough for its whole name, the bar scrolling when they do not all fit.
    void verifyDockTabNamesWhole(MainWindow& w) {
        int tabs = 0;
        for (QTabBar* bar : w.findChildren<QTabBar*>()) {
            if (!bar->isVisible()) continue;
            for (int i = 0; i < bar->count(); ++i, ++tabs) {
                const int name = bar->fontMetrics().horizontalAdvance(bar->tabText(i));
                QVERIFY2(bar->tabRect(i).width() >= name,
                         qPrintable(QStringLiteral("tab \"%1\" is %2 px wide for a %3 px name")
                                        .arg(bar->tabText(i))
                                        .arg(bar->tabRect(i).width())
                                        .arg(name)));
            }
        }
        QVERIFY(tabs >= 2); // the charts and the alert list at least
    }

  private Q_SLOTS:
    void initTestCase() {
        QSettings::setDefaultFormat(QSettings::IniFormat);
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_settings.path());
        QCoreApplication::setOrganizationName(QStringLiteral("VigilTest"));
        QCoreApplication::setApplicationName(QStringLiteral("WindowFit"));
        qputenv("XDG_CONFIG_HOME", m_settings.path().toUtf8()); // alert rules: the defaults

        const QString samples = QStringLiteral(VIGIL_SHARED_DIR "/samples/deployment");
        const QString first = m_roots.filePath(QStringLiteral("samples"));
        const QString second = m_roots.filePath(QStringLiteral("samples-copy"));
        QVERIFY(copyTree(samples, first));
        QVERIFY(copyTree(samples, second));
        // An instance whose name alone is wider than the sidebar should ever be.
        const QString longName = QStringLiteral("payments-reconciliation-worker-europe-west4-canary-7f9c2");
        QVERIFY(QDir().mkpath(second + QStringLiteral("/instances/") + longName + QStringLiteral("/logs")));
        QFile log(second + QStringLiteral("/instances/") + longName + QStringLiteral("/logs/app.log"));
        QVERIFY(log.open(QIODevice::WriteOnly));
        log.write("2025-11-10 10:20:01,123 - payments.reconcile - ERROR - ledger mismatch on batch 88123\n");
        log.close();

        const QString corpus = m_roots.filePath(QStringLiteral("corpus"));
        QProcess generator;
        generator.start(QStringLiteral("python3"),
                        {QStringLiteral(VIGIL_SHARED_DIR "/tools/corpus.py"), QStringLiteral("static"),
                         corpus, QStringLiteral("--mb"), QStringLiteral("5"), QStringLiteral("--seed"),
                         QStringLiteral("7")});
        QVERIFY(generator.waitForFinished(120'000));
        QCOMPARE(generator.exitCode(), 0);

        const QString demo = m_roots.filePath(QStringLiteral("demo"));
        m_demo = std::make_unique<DemoWriter>(demo);
        m_demo->writeHistory(5 * 60, 20);
        m_rootPaths = {first, second, corpus, demo};
    }

    void opensInsideTheScreenAndShrinks() {
        QSettings().clear();
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        verifyFits(w);
        w.openRoots(m_rootPaths);
        QTRY_VERIFY_WITH_TIMEOUT(w.workspace()->store().size() > 20'000, 60'000);
        QTest::qWait(500); // sidebar rows, charts and alerts laid out
        verifyFits(w);
        verifyChartsFitTheirDock(w);
        // And it really shrinks there: nothing pushes it back out.
        w.resize(kMaxMinimumWidth, kMaxMinimumHeight);
        QTest::qWait(100);
        QVERIFY2(w.width() <= kMaxMinimumWidth && w.height() <= kMaxMinimumHeight,
                 qPrintable(QStringLiteral("%1×%2").arg(w.width()).arg(w.height())));
    }

    // As `vigil-gui a b` opens them: the roots opened right after show(), before the window's
    // first layout, alerts arriving while its panes are still being given their widths.
    void opensFromTheCommandLineInsideTheScreen() {
        QSettings().clear();
        MainWindow w;
        w.show();
        w.openRoots({m_rootPaths[0], m_rootPaths[1]});
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QTRY_VERIFY_WITH_TIMEOUT(w.workspace()->ingest().initialScanDone(), 60'000);
        // The charts drawn from the entries, their labels times of the samples, not the
        // empty axes' "00:00:00".
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                const QList<TimeChartView*> charts = w.findChildren<TimeChartView*>();
                return !charts.isEmpty() && std::all_of(charts.begin(), charts.end(), [](TimeChartView* c) {
                    return !c->isVisible() || !c->timeRange().isEmpty();
                });
            }(),
            10'000);
        QTest::qWait(500); // sidebar rows, charts and alerts laid out
        verifyFits(w);
        verifyNoChartLabelCut(w);
        verifyDockTabNamesWhole(w);
    }

    void restoredGeometryLargerThanTheScreenIsClamped() {
        QSettings().clear();
        {
            MainWindow big;
            big.setGeometry(0, 0, 3800, 2400); // as saved on a 4K monitor
            big.close();                       // saves the geometry and layout
        }
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        verifyFits(w);
    }

    void hiddenChartsStayHiddenAndResetLayoutBringsThemBack() {
        QSettings().clear();
        {
            MainWindow w;
            w.show();
            QVERIFY(QTest::qWaitForWindowExposed(&w));
            auto* charts = w.findChild<QDockWidget*>(QStringLiteral("chartsDock"));
            QVERIFY(charts);
            QVERIFY(!charts->isVisible()); // the welcome page stands alone
            w.openRoots({m_rootPaths[0]});
            QVERIFY(charts->isVisible());
            charts->toggleViewAction()->trigger();
            QVERIFY(!charts->isVisible());
            w.close();
        }
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        w.openRoots({m_rootPaths[0]});
        auto* charts = w.findChild<QDockWidget*>(QStringLiteral("chartsDock"));
        QVERIFY(!charts->isVisible());
        QAction* reset = nullptr;
        for (QAction* a : w.findChildren<QAction*>())
            if (a->objectName() == QLatin1String("resetLayout")) reset = a;
        QVERIFY(reset);
        reset->trigger();
        QTRY_VERIFY(charts->isVisible());
        verifyFits(w);
    }

    void cleanupTestCase() { m_demo.reset(); }
};

QTEST_MAIN(TestWindowFit)
#include "tst_windowfit.moc"
