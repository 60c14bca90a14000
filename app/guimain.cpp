// vigil-gui: the window. Started by `vigil` (which has checked the arguments already), it
// opens the roots given, the demo, or the last deployment.

#include "windowarguments.h"

#include "models/demo/demowriter.h"
#include "models/ingest/processsetup.h"
#include "views/alerts/alerticons.h"
#include "views/mainwindow.h"

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QIcon>
#include <QSettings>
#include <QTemporaryDir>
#include <QTextStream>

#include <memory>

int main(int argc, char** argv) {
    using namespace vigil;
    applyIngestProcessSettings();
    QApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("Vigil"));
    QCoreApplication::setApplicationName(QStringLiteral("Vigil"));
    QCoreApplication::setApplicationVersion(QStringLiteral(VIGIL_VERSION));
    // The desktop entry's name: Wayland compositors match the window to it (and its icon).
    QGuiApplication::setDesktopFileName(QStringLiteral("vigil"));
    QApplication::setWindowIcon(vigilIcon());

    WindowArguments arguments;
    CommandLine line = windowCommandLine(&arguments);
    if (line.parse(app.arguments().mid(1), &arguments.roots) != CommandLine::Outcome::Run) {
        QTextStream(stderr) << "vigil: " << line.error() << "\n" << line.usage();
        return 2;
    }

    MainWindow window;
    std::unique_ptr<QTemporaryDir> demoDir;
    std::unique_ptr<DemoWriter> writer;
    QStringList roots = arguments.roots;
    if (arguments.demo) {
        demoDir = std::make_unique<QTemporaryDir>(QDir::temp().filePath(QStringLiteral("vigil-demo-XXXXXX")));
        if (!demoDir->isValid()) {
            QTextStream(stderr) << "vigil: cannot create a demo folder: " << demoDir->errorString() << '\n';
            return 1;
        }
        writer = std::make_unique<DemoWriter>(demoDir->path());
        writer->writeHistory(15 * 60, 20);
        writer->start(20, 100);
        roots = QStringList{demoDir->path()};
    } else if (roots.isEmpty()) {
        roots = QSettings().value(QStringLiteral("roots/last")).toStringList();
    }
    window.show();
    if (!roots.isEmpty()) window.openRoots(roots);
    // The demo is a live deployment: show its newest entries as they come.
    if (arguments.demo) window.followAction()->setChecked(true);
    return app.exec();
}
