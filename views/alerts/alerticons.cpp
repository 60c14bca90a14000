#include "alerticons.h"

#include <QPainter>
#include <QPixmap>
#include <QSvgRenderer>

namespace vigil {

QColor severityColor(Severity s) {
    switch (s) {
    case Severity::Critical:
        return QColor(0xd3, 0x2f, 0x2f);
    case Severity::Warning:
        return QColor(0xf5, 0xa6, 0x23);
    case Severity::None:
        break;
    }
    return QColor(0x2e, 0x9d, 0x52);
}

namespace {
// Rendered per size rather than scaled from one bitmap, so 16 px stays sharp.
QIcon iconFromSvg(const QString& resource) {
    QSvgRenderer renderer(resource);
    QIcon icon;
    for (int size : {16, 22, 24, 32, 48, 64, 128, 256}) {
        QPixmap pixmap(size, size);
        pixmap.fill(Qt::transparent);
        QPainter painter(&pixmap);
        renderer.render(&painter);
        painter.end();
        icon.addPixmap(pixmap);
    }
    return icon;
}
} // namespace

QIcon severityIcon(Severity s) {
    static const QIcon ok = iconFromSvg(QStringLiteral(":/vigil/state-ok.svg"));
    static const QIcon warning = iconFromSvg(QStringLiteral(":/vigil/state-warning.svg"));
    static const QIcon critical = iconFromSvg(QStringLiteral(":/vigil/state-critical.svg"));
    switch (s) {
    case Severity::Critical:
        return critical;
    case Severity::Warning:
        return warning;
    case Severity::None:
        break;
    }
    return ok;
}

QIcon vigilIcon() {
    static const QIcon icon = iconFromSvg(QStringLiteral(":/vigil/vigil.svg"));
    return icon;
}

} // namespace vigil
