// Renders the charts panel and the endpoint dock over a deployment folder into a PNG,
// for the README: chartsscreenshot ROOT OUT.png [--dark] [--window 5m|15m|1h|6h|all]

#include "models/endpointtablemodel.h"
#include "models/ingest/scanner.h"
#include "models/metrics/metricsmodel.h"
#include "views/charts/chartspanel.h"
#include "views/charts/endpointdock.h"

#include <QApplication>
#include <QMainWindow>
#include <QStyleFactory>
#include <QTextStream>

using namespace vigil;

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() < 3) {
        QTextStream(stderr) << "usage: chartsscreenshot ROOT OUT.png [--dark] [--window 5m|15m|1h|6h|all]\n";
        return 2;
    }
    ChartWindow window = ChartWindow::All;
    const int w = args.indexOf(QStringLiteral("--window"));
    if (w > 0 && w + 1 < args.size()) {
        const QString v = args[w + 1];
        window = v == QLatin1String("5m")    ? ChartWindow::Minutes5
                 : v == QLatin1String("15m") ? ChartWindow::Minutes15
                 : v == QLatin1String("1h")  ? ChartWindow::Hour1
                 : v == QLatin1String("6h")  ? ChartWindow::Hours6
                                             : ChartWindow::All;
    }
    app.setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
    if (args.contains(QStringLiteral("--dark"))) {
        QPalette p;
        p.setColor(QPalette::Window, QColor(0x2b, 0x2b, 0x30));
        p.setColor(QPalette::Base, QColor(0x1e, 0x1e, 0x22));
        p.setColor(QPalette::AlternateBase, QColor(0x26, 0x26, 0x2b));
        p.setColor(QPalette::WindowText, QColor(0xe6, 0xe6, 0xe6));
        p.setColor(QPalette::Text, QColor(0xe6, 0xe6, 0xe6));
        p.setColor(QPalette::Button, QColor(0x35, 0x35, 0x3a));
        p.setColor(QPalette::ButtonText, QColor(0xe6, 0xe6, 0xe6));
        p.setColor(QPalette::Mid, QColor(0x55, 0x55, 0x5a));
        app.setPalette(p);
    }

    EntryStore store;
    const ScanOutcome outcome = scanInto(store, {args[1]});
    for (const IngestError& e : outcome.errors)
        QTextStream(stderr) << e.path << ": " << e.message << "\n";
    MetricsModel metrics;
    metrics.ingest(store, store.beginIndex(), store.endIndex());

    QMainWindow main;
    EndpointTableModel endpoints(metrics, store.endpoints());
    auto* panel = new ChartsPanel(store, metrics, endpoints);
    main.setCentralWidget(panel);
    main.addDockWidget(Qt::BottomDockWidgetArea, panel->createEndpointDock(&main));
    main.resize(1280, 1180);
    main.show();
    panel->setWindow(window);
    app.processEvents();
    if (!main.grab().save(args[2])) {
        QTextStream(stderr) << "cannot write " << args[2] << "\n";
        return 1;
    }
    QTextStream(stdout) << "wrote " << args[2] << " (" << store.size() << " entries, "
                        << metrics.instances().size() << " instances)\n";
    return 0;
}
