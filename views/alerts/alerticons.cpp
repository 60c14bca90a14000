#include "alerticons.h"

#include <QPainter>
#include <QPainterPath>
#include <QPixmap>

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
QPixmap draw(Severity s, int size) {
    QPixmap pm(size, size);
    pm.fill(Qt::transparent);
    QPainter p(&pm);
    p.setRenderHint(QPainter::Antialiasing);
    const qreal m = size * 0.06;
    const QRectF disc(m, m, size - 2 * m, size - 2 * m);
    p.setPen(QPen(severityColor(s).darker(140), size * 0.05));
    p.setBrush(severityColor(s));
    p.drawEllipse(disc);
    p.setPen(QPen(Qt::white, size * 0.12, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
    if (s == Severity::None) {
        QPainterPath check;
        check.moveTo(size * 0.30, size * 0.52);
        check.lineTo(size * 0.45, size * 0.67);
        check.lineTo(size * 0.71, size * 0.36);
        p.setBrush(Qt::NoBrush);
        p.drawPath(check);
    } else {
        p.drawLine(QPointF(size * 0.5, size * 0.27), QPointF(size * 0.5, size * 0.58));
        p.drawPoint(QPointF(size * 0.5, size * 0.75));
    }
    return pm;
}
} // namespace

QIcon severityIcon(Severity s) {
    QIcon icon;
    for (int size : {16, 22, 24, 32, 48, 64})
        icon.addPixmap(draw(s, size));
    return icon;
}

} // namespace vigil
