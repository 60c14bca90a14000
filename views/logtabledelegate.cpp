#include "logtabledelegate.h"

#include "levelcolors.h"

#include "models/logtablemodel.h"

#include <QApplication>
#include <QHeaderView>
#include <QPainter>
#include <QTableView>

namespace vigil {

void LogTableDelegate::initStyleOption(QStyleOptionViewItem* option, const QModelIndex& index) const {
    QStyledItemDelegate::initStyleOption(option, index);
    const auto level = static_cast<Level>(index.data(LogTableModel::LevelRole).toInt());
    const QColor text = levelTextColor(level, option->palette);
    if (text.isValid() &&
        (index.column() == LogTableModel::LevelColumn || isErrorOrAbove(level) || level <= Level::Debug))
        option->palette.setColor(QPalette::Text, text);
    if (index.column() == LogTableModel::LevelColumn && level >= Level::Warning) option->font.setBold(true);
}

void LogTableDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option,
                             const QModelIndex& index) const {
    const auto level = static_cast<Level>(index.data(LogTableModel::LevelRole).toInt());
    const QColor tint = levelRowTint(level, option.palette);
    if (tint.isValid() && !(option.state & QStyle::State_Selected)) painter->fillRect(option.rect, tint);
    // What the find bar looks for, while it is open, else what the search filters by.
    const bool finding = m_find.isValid() && !m_find.pattern().isEmpty();
    const QRegularExpression& highlight = finding ? m_find : m_highlight;
    if (index.column() == LogTableModel::MessageColumn && highlight.isValid() &&
        !highlight.pattern().isEmpty() && !(option.state & QStyle::State_Selected)) {
        // Mark the matches behind the text: the text itself is drawn by the style as usual.
        const QString text = index.data().toString();
        QStyleOptionViewItem opt(option);
        initStyleOption(&opt, index);
        const QWidget* widget = option.widget;
        QStyle* style = widget ? widget->style() : QApplication::style();
        const QRect textRect = style->subElementRect(QStyle::SE_ItemViewItemText, &opt, widget);
        const QFontMetrics fm(opt.font);
        const int margin = style->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, widget) + 1;
        QColor mark =
            isDarkPalette(option.palette) ? QColor(0xb0, 0x8a, 0x00, 150) : QColor(0xff, 0xe0, 0x40, 190);
        if (finding)
            mark =
                isDarkPalette(option.palette) ? QColor(0xc0, 0x60, 0x10, 170) : QColor(0xff, 0xa0, 0x40, 190);
        auto it = highlight.globalMatch(text);
        int shown = 0;
        while (it.hasNext() && shown++ < 20) {
            const auto m = it.next();
            if (m.capturedLength() == 0) break;
            const int x = textRect.left() + margin + fm.horizontalAdvance(text.left(m.capturedStart()));
            const int w = fm.horizontalAdvance(m.captured());
            if (x > textRect.right()) break;
            painter->fillRect(QRect(x, textRect.top() + 2, w, textRect.height() - 4), mark);
        }
    }
    QStyledItemDelegate::paint(painter, option, index);
    // A bookmark: a bar down the row's first visible cell, in the selection's colour family.
    const auto* table = qobject_cast<const QTableView*>(option.widget);
    if (m_marked && table && index.column() == table->horizontalHeader()->logicalIndexAt(0) &&
        m_marked(index.data(LogTableModel::EntryIndexRole).toULongLong())) {
        // On a selected row the selection's own text colour stands out from its background.
        const QColor mark = option.state & QStyle::State_Selected
                                ? option.palette.color(QPalette::HighlightedText)
                            : isDarkPalette(option.palette) ? QColor(0x5a, 0x9b, 0xff)
                                                            : QColor(0x1e, 0x5e, 0xd8);
        painter->fillRect(QRect(option.rect.left(), option.rect.top(), 5, option.rect.height()), mark);
    }
}

} // namespace vigil
