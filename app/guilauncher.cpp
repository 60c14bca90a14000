#include "guilauncher.h"

#include <QByteArray>
#include <QFileInfo>
#include <QTextStream>

#include <cerrno>
#include <cstring>
#include <unistd.h>

namespace vigil {

int execWindow(int argc, char** argv) {
    (void)argc;
    // /proc/self/exe, not argv[0]: the desktop entry and PATH lookups give no folder.
    const QString self = QFileInfo(QStringLiteral("/proc/self/exe")).canonicalFilePath();
    const QString dir = QFileInfo(self).absolutePath();
    const QString candidates[] = {
        dir + QStringLiteral("/vigil-gui"),                                // build tree
        dir + QStringLiteral("/" VIGIL_BIN_TO_LIBEXEC "/vigil/vigil-gui"), // installed
    };
    for (const QString& candidate : candidates) {
        if (!QFileInfo(candidate).isExecutable()) continue;
        const QByteArray path = QFile::encodeName(candidate);
        // argv[0] stays "vigil": the window system names the window's class after it.
        ::execv(path.constData(), argv);
        QTextStream(stderr) << "vigil: cannot start " << candidate << ": " << std::strerror(errno) << "\n";
        return 1;
    }
    QTextStream(stderr) << "vigil: the window program vigil-gui is missing (looked in " << candidates[0]
                        << " and " << candidates[1] << ")\n";
    return 1;
}

} // namespace vigil
