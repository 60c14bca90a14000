#include "guilauncher.h"

#include "helperfiles.h"

#include <QByteArray>
#include <QFileInfo>
#include <QTextStream>

#include <cerrno>
#include <cstring>
#include <unistd.h>

namespace vigil {

int execWindow(int argc, char** argv) {
    (void)argc;
    const QStringList candidates = helperFileCandidates(QStringLiteral("vigil-gui"));
    for (const QString& candidate : candidates) {
        if (!QFileInfo(candidate).isExecutable()) continue;
        const QByteArray path = QFile::encodeName(candidate);
        // argv[0] stays "vigil": the window system names the window's class after it.
        ::execv(path.constData(), argv);
        QTextStream(stderr) << "vigil: cannot start " << candidate << ": " << std::strerror(errno) << "\n";
        return 1;
    }
    QTextStream(stderr) << "vigil: the window program vigil-gui is missing (looked in "
                        << candidates.join(QStringLiteral(" and ")) << ")\n";
    return 1;
}

} // namespace vigil
