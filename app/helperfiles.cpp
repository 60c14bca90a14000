#include "helperfiles.h"

#include <QFileInfo>

namespace vigil {

QStringList helperFileCandidates(const QString& fileName) {
    // /proc/self/exe, not argv[0]: the desktop entry and PATH lookups give no folder.
    const QString self = QFileInfo(QStringLiteral("/proc/self/exe")).canonicalFilePath();
    const QString dir = QFileInfo(self).absolutePath();
    return {
        dir + QLatin1Char('/') + fileName,                                   // build tree
        dir + QStringLiteral("/" VIGIL_BIN_TO_LIBEXEC "/vigil/") + fileName, // installed
    };
}

} // namespace vigil
