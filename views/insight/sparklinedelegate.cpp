#include "sparklinedelegate.h"

#include <QPainter>
#include <QPainterPath>

#include <algorithm>

namespace vigil {

void SparklineDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option,
                              const QModelIndex& index) const {
    QStyledItemDelegate::paint(painter, option, index);
    const QVariantList values = index.data(m_role).toList();
    if (values.size() < 2) return;
    double highest = 0;
    for (const QVariant& v : values)
        highest = std::max(highest, v.toDouble());
    if (highest <= 0) return;
    const QRectF r = QRectF(option.rect).adjusted(3, 3, -3, -3);
    QPainterPath path;
    for (int i = 0; i < values.size(); ++i) {
        const QPointF p(r.left() + r.width() * i / (values.size() - 1),
                        r.bottom() - r.height() * values[i].toDouble() / highest);
        if (i == 0)
            path.moveTo(p);
        else
            path.lineTo(p);
    }
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(QPen(option.state & QStyle::State_Selected ? option.palette.highlightedText().color()
                                                               : option.palette.link().color(),
                         1.2));
    painter->drawPath(path);
    painter->restore();
}

QSize SparklineDelegate::sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const {
    return QStyledItemDelegate::sizeHint(option, index).expandedTo(QSize(80, 18));
}

} // namespace vigil
