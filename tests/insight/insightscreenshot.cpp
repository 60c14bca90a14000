// Renders the incident docks for the documentation (not a CTest test):
//   insight_screenshot OUT_DIR [WIDTH HEIGHT]
// writes a deployment of five checkout instances (checkout-3 failing a third of its
// requests, checkout-2 starting to decline payments eight minutes in), opens it and saves
// OUT_DIR/charts.png, stands-out.png, patterns.png and diff.png with each dock in front.

#include "deploymentwriter.h"

#include "views/insight/diffview.h"
#include "views/insight/insightdocks.h"
#include "views/mainwindow.h"

#include <QApplication>
#include <QDockWidget>
#include <QElapsedTimer>
#include <QSettings>
#include <QTableView>
#include <QTemporaryDir>
#include <QTextStream>

using namespace vigil;

namespace {
void waitFor(const std::function<bool()>& done, int ms = 20000) {
    QElapsedTimer t;
    t.start();
    while (!done() && t.elapsed() < ms)
        QApplication::processEvents(QEventLoop::AllEvents, 50);
}
void settle(int ms) {
    QElapsedTimer t;
    t.start();
    while (t.elapsed() < ms)
        QApplication::processEvents(QEventLoop::AllEvents, 20);
}
constexpr std::int64_t kSplitMs = test::kStartMs + 15 * 60'000;
} // namespace

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    if (argc < 2) {
        QTextStream(stderr) << "usage: insight_screenshot OUT_DIR [WIDTH HEIGHT]\n";
        return 2;
    }
    const QString out = QString::fromLocal8Bit(argv[1]);
    QTemporaryDir settings, root;
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, settings.path());
    std::vector<test::InstancePlan> plans;
    for (int i = 1; i <= 5; ++i) {
        test::InstancePlan p;
        p.name = QStringLiteral("checkout-%1").arg(i);
        p.requests = 1200;
        p.stepMs = 1000;
        p.errorShare = i == 3 ? 0.33 : 0.02 + 0.005 * i;
        p.latencySeconds = 0.3 + 0.03 * i;
        plans.push_back(p);
    }
    test::writeDeployment(root.path(), plans, [](const test::InstancePlan& p, int i, std::int64_t ms) {
        QByteArray lines;
        if (i % 15 == 0)
            lines += test::textLine(
                ms, p.name, "INFO",
                QStringLiteral("Cache warmed with %1 keys in %2ms").arg(900 + i).arg(40 + i % 17));
        if (i % 40 == 7)
            lines +=
                test::textLine(ms, p.name, "WARNING",
                               QStringLiteral("Retrying order ord_%1a7 after 503 from inventory (attempt %2)")
                                   .arg(55000 + i)
                                   .arg(1 + i % 3));
        if (ms >= kSplitMs && p.name == QStringLiteral("checkout-2") && i % 5 == 0)
            lines += test::textLine(
                ms, p.name, "ERROR",
                QStringLiteral("Payment pay_%1x declined by gateway 'stripe-eu'").arg(70000 + i));
        return lines;
    });

    MainWindow w;
    const int width = argc > 3 ? atoi(argv[2]) : 1366, height = argc > 3 ? atoi(argv[3]) : 768;
    w.resize(width, height);
    w.show();
    w.openRoots({root.path()});
    InsightDocks* insight = w.insight();
    waitFor([&] { return !insight->outliers().empty(); });
    settle(2500);
    auto save = [&](QDockWidget* dock, const QString& name) {
        dock->show();
        dock->raise();
        settle(600);
        const bool ok = w.grab().save(out + QLatin1Char('/') + name);
        QTextStream(stdout) << name << (ok ? " written\n" : " FAILED\n");
    };
    save(w.findChild<QDockWidget*>(QStringLiteral("chartsDock")), QStringLiteral("charts.png"));
    save(insight->standsOutDock(), QStringLiteral("stands-out.png"));
    save(insight->patternsDock(), QStringLiteral("patterns.png"));
    insight->diffView()->compare({test::kStartMs * 1000, kSplitMs * 1000},
                                 {kSplitMs * 1000, (test::kStartMs + 1200'000) * 1000});
    waitFor([&] { return !insight->diffView()->busy(); });
    save(insight->diffDock(), QStringLiteral("diff.png"));
    return 0;
}
