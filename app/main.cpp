// vigil: watches the logs of every instance of a deployment.
//   vigil scan ROOT... [--json]   headless summary of what the roots hold
//   vigil follow ROOT... --seconds N [--json]   scan, follow N seconds, then summarise
//   vigil check ROOT... [--rules FILE] [--json]   alerts the rules would have raised
//   vigil ROOT...                 opens the roots in the main window
//   vigil                         reopens the last roots
//   vigil --demo                  opens a live demo deployment written by the program

#include "checkcommand.h"
#include "followcommand.h"
#include "scancommand.h"

#include "models/demo/demowriter.h"
#include "models/ingest/processsetup.h"
#include "views/mainwindow.h"

#include <QAction>
#include <QApplication>
#include <QCoreApplication>
#include <QSettings>
#include <QTemporaryDir>
#include <QTextStream>

namespace {
int runGui(int argc, char** argv) {
    // Only the GUI paths create a QApplication: `vigil scan` runs without a display.
    QApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("Vigil"));
    QCoreApplication::setApplicationName(QStringLiteral("Vigil"));
    QStringList args = app.arguments().mid(1);
    const bool demo = args.removeAll(QStringLiteral("--demo")) > 0;
    for (const QString& a : args)
        if (a.startsWith(QLatin1String("--"))) {
            QTextStream(stderr) << "vigil: unknown option " << a << "\nusage: vigil [--demo] [ROOT...] | vigil scan ROOT... [--json]\n";
            return 2;
        }

    vigil::MainWindow window;
    std::unique_ptr<QTemporaryDir> demoDir;
    std::unique_ptr<vigil::DemoWriter> writer;
    if (demo) {
        demoDir = std::make_unique<QTemporaryDir>(QDir::temp().filePath(QStringLiteral("vigil-demo-XXXXXX")));
        if (!demoDir->isValid()) {
            QTextStream(stderr) << "vigil: cannot create a demo folder: " << demoDir->errorString() << '\n';
            return 1;
        }
        writer = std::make_unique<vigil::DemoWriter>(demoDir->path());
        writer->writeHistory(15 * 60, 20);
        writer->start(20, 100);
        args = QStringList{demoDir->path()};
    } else if (args.isEmpty()) {
        args = QSettings().value(QStringLiteral("roots/last")).toStringList();
    }
    window.show();
    if (!args.isEmpty()) window.openRoots(args);
    // The demo is a live deployment: show its newest entries as they come.
    if (demo) window.followAction()->setChecked(true);
    return app.exec();
}
} // namespace

int main(int argc, char** argv) {
    vigil::applyIngestProcessSettings();
    if (argc >= 2 && qstrcmp(argv[1], "scan") == 0) {
        QCoreApplication app(argc, argv);
        return vigil::runScanCommand(app.arguments().mid(2));
    }
    if (argc >= 2 && qstrcmp(argv[1], "follow") == 0) {
        QCoreApplication app(argc, argv);
        return vigil::runFollowCommand(app.arguments().mid(2));
    }
    if (argc >= 2 && qstrcmp(argv[1], "check") == 0) {
        QCoreApplication app(argc, argv);
        QCoreApplication::setOrganizationName(QStringLiteral("Vigil"));
        QCoreApplication::setApplicationName(QStringLiteral("Vigil"));
        return vigil::runCheckCommand(app.arguments().mid(2));
    }
    return runGui(argc, argv);
}
