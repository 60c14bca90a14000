// vigil: watches the logs of every instance of a deployment.
//   vigil scan ROOT... [--json]   headless summary of what the roots hold

#include "followcommand.h"
#include "scancommand.h"

#include "models/ingest/processsetup.h"

#include <QCoreApplication>
#include <QTextStream>

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
    QTextStream(stderr) << "usage: vigil scan ROOT... [--json]\n";
    return 2;
}
