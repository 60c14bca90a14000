#include "entryproducer.h"

#include <QRegularExpression>

namespace vigil {

bool isProducerRoot(const QString& root) {
    // Two letters at least, so a Windows-style "C:/logs" is never taken for a scheme.
    static const QRegularExpression scheme(QStringLiteral("^[A-Za-z][A-Za-z0-9+.-]+://"));
    return scheme.match(root).hasMatch();
}

} // namespace vigil
