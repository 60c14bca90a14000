// vigil: watches the logs of every instance of a deployment.
//
// This executable links Qt Core only. The headless commands (scan, follow, check, show,
// --help, --version) run here without a display and without loading any GUI library; the
// window is a second executable, vigil-gui, that this one replaces itself with (exec, same
// process) once the arguments are known to be good. So `vigil --help` on a server prints
// its help instead of aborting for want of a display.

#include "checkcommand.h"
#include "commandline.h"
#include "diffcommand.h"
#include "followcommand.h"
#include "guilauncher.h"
#include "patternscommand.h"
#include "scancommand.h"
#include "showcommand.h"
#include "windowarguments.h"

#include "models/ingest/processsetup.h"

#include <QCoreApplication>
#include <QTextStream>

namespace vigil {
namespace {

struct Command {
    const char* name;
    int (*run)(const QStringList&);
    const char* summary;
};

const Command kCommands[] = {
    {"scan", runScanCommand, "read everything below the roots and print a summary"},
    {"follow", runFollowCommand, "read, follow N seconds, then print the summary and latency"},
    {"check", runCheckCommand, "print the alerts the rules would have raised (exit 1 if critical)"},
    {"show", runShowCommand, "print the matching entries in time order (--follow keeps printing)"},
    {"patterns", runPatternsCommand, "print the message patterns with their counts and instances"},
    {"diff", runDiffCommand, "print what changed between two time ranges: patterns and metrics"},
};

QString topLevelHelp(const CommandLine& line) {
    QString text = line.usage();
    text += QStringLiteral("\ncommands (vigil COMMAND --help for each):\n");
    for (const Command& c : kCommands)
        text += QStringLiteral("  %1  %2\n")
                    .arg(QString::fromLatin1(c.name).leftJustified(8), QString::fromLatin1(c.summary));
    text += QStringLiteral(
                "\nA ROOT is a folder holding a deployment's logs, a log file, or a Grafana Loki server\n"
                "(loki://HOST:PORT, lokis:// for TLS). With no ROOT the window reopens the last\n"
                "deployment. The user guide: man vigil, or %1.\n")
                .arg(QStringLiteral(VIGIL_DOC_DIR "/user-guide.md"));
    return text;
}

int runWindow(int argc, char** argv) {
    QStringList arguments;
    for (int i = 1; i < argc; ++i)
        arguments << QString::fromLocal8Bit(argv[i]);
    WindowArguments window;
    CommandLine line = windowCommandLine(&window);
    switch (line.parse(arguments, &window.roots)) {
    case CommandLine::Outcome::Help:
        QTextStream(stdout) << topLevelHelp(line);
        return 0;
    case CommandLine::Outcome::Error:
        QTextStream(stderr) << "vigil: " << line.error() << "\n" << line.usage();
        return 2;
    case CommandLine::Outcome::Run:
        break;
    }
    if (const QString error = windowArgumentsError(window); !error.isEmpty()) {
        QTextStream(stderr) << "vigil: " << error << "\n" << line.usage();
        return 2;
    }
    if (window.version) {
        QTextStream(stdout) << "vigil " << VIGIL_VERSION << " (Qt " << qVersion() << ")\n";
        return 0;
    }
    return execWindow(argc, argv);
}

} // namespace
} // namespace vigil

int main(int argc, char** argv) {
    using namespace vigil;
    if (argc >= 2)
        for (const Command& c : kCommands)
            if (qstrcmp(argv[1], c.name) == 0) {
                applyIngestProcessSettings();
                QCoreApplication app(argc, argv);
                QCoreApplication::setOrganizationName(QStringLiteral("Vigil"));
                QCoreApplication::setApplicationName(QStringLiteral("Vigil"));
                return c.run(app.arguments().mid(2));
            }
    return runWindow(argc, argv);
}
