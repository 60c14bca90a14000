#include "remarkbadgedelegate.h"

#include <QPainter>

namespace vigil {

void RemarkBadgeDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option,
                                const QModelIndex& index) const {
    if (index.data(m_role).toString().isEmpty()) {
        QStyledItemDelegate::paint(painter, option, index);
        return;
    }
    const int side = std::min(option.rect.height() - 4, option.fontMetrics.height());
    // The name elides before the badge instead of running under it.
    QStyleOptionViewItem narrower = option;
    narrower.rect.setRight(option.rect.right() - side - 4);
    QStyledItemDelegate::paint(painter, narrower, index);
    const QRect badge(option.rect.right() - side - 2, option.rect.center().y() - side / 2, side, side);
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(Qt::NoPen);
    painter->setBrush(QColor(0xe6, 0x7e, 0x22));
    painter->drawEllipse(badge);
    painter->setPen(Qt::white);
    QFont bold = option.font;
    bold.setBold(true);
    bold.setPixelSize(std::max(6, side - 4));
    painter->setFont(bold);
    painter->drawText(badge, Qt::AlignCenter, QStringLiteral("!"));
    painter->restore();
}

} // namespace vigil
