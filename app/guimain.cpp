// vigil-gui: the window. Started by `vigil` (which has checked the arguments already), it
// opens the roots given, the demo, or the last deployment.

#include "sinceoption.h"
#include "windowarguments.h"

#include "models/ingest/processsetup.h"
#include "views/alerts/alerticons.h"
#include "views/mainwindow.h"
#include "views/openwindowchoice.h"

#include <QApplication>
#include <QSettings>
#include <QTextStream>

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
    if (const auto since = sinceSeconds(arguments.since, nullptr)) window.openWindow()->setSeconds(*since);
    window.show();
    if (arguments.demo) {
        window.openDemo();
    } else {
        const QStringList roots = arguments.roots.isEmpty()
                                      ? QSettings().value(QStringLiteral("roots/last")).toStringList()
                                      : arguments.roots;
        if (!roots.isEmpty()) window.openRoots(applySourceOptions(roots, arguments.sources));
    }
    return app.exec();
}
