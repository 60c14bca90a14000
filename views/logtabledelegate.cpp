#include "logtabledelegate.h"

#include "levelcolors.h"

#include "models/logtablemodel.h"

#include <QApplication>
#include <QHeaderView>
#include <QPainter>
#include <QTableView>

#include <algorithm>

namespace vigil {

namespace {
// The style lays out a cell's whole text to elide it, and a message can be thousands of
// characters long: it is cut to twice what the cell could show in its font's narrowest
// glyphs, still too wide for the cell, so that the style elides it where it elided the
// whole text.
void cutToCell(QStyleOptionViewItem& opt) {
    // Only the start of the text shows (the table elides on the right).
    if (opt.textElideMode != Qt::ElideRight && opt.textElideMode != Qt::ElideNone) return;
    const int width = std::max(0, opt.rect.width());
    if (opt.text.size() <= width / 2 + 16) return; // short enough: nothing to gain
    const QFontMetrics fm(opt.font);
    int narrowest = fm.horizontalAdvance(QLatin1Char(' '));
    for (QLatin1Char c :
         {QLatin1Char('i'), QLatin1Char('l'), QLatin1Char('.'), QLatin1Char('\''), QLatin1Char('|')})
        narrowest = std::min(narrowest, fm.horizontalAdvance(c));
    qsizetype cut = 2 * (width / std::max(1, narrowest)) + 16;
    if (opt.text.size() <= cut) return;
    if (opt.text.at(cut - 1).isHighSurrogate()) --cut;
    opt.text.truncate(cut);
}
} // namespace

void LogTableDelegate::initStyleOption(QStyleOptionViewItem* option, const QModelIndex& index) const {
    QStyledItemDelegate::initStyleOption(option, index);
    const auto level = static_cast<Level>(index.data(LogTableModel::LevelRole).toInt());
    const QColor text = levelTextColor(level, option->palette);
    if (text.isValid() &&
        (index.column() == LogTableModel::LevelColumn || isErrorOrAbove(level) || level <= Level::Debug))
        option->palette.setColor(QPalette::Text, text);
    if (index.column() == LogTableModel::LevelColumn && level >= Level::Warning) option->font.setBold(true);
}

void LogTableDelegate::drawCell(QPainter* painter, const QStyleOptionViewItem& opt) const {
    const QWidget* widget = opt.widget;
    QStyle* style = widget ? widget->style() : QApplication::style();
    // A selected or current cell, a decorated or wrapped one, and (CellTextCache::line)
    // text on more lines, right to left or from a fallback font are the style's own: its
    // selection and focus frame follow the text's size, which only it lays out.
    constexpr auto kStyled = QStyle::State_Selected | QStyle::State_HasFocus;
    constexpr auto kLaidOutByStyle = QStyleOptionViewItem::HasCheckIndicator |
                                     QStyleOptionViewItem::HasDecoration | QStyleOptionViewItem::WrapText;
    if ((opt.state & kStyled) || (opt.features & kLaidOutByStyle) || opt.direction != Qt::LeftToRight) {
        style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget);
        return;
    }
    // The style draws the cell without its text, so it lays nothing out, and the text is
    // drawn where the style would draw it: the cell's whole text area, less the margins.
    QStyleOptionViewItem bare(opt);
    bare.text.clear();
    QStyleOptionViewItem wholeArea(bare);
    wholeArea.showDecorationSelected = true; // the text area whatever the text's size
    const QRect textRect = style->subElementRect(QStyle::SE_ItemViewItemText, &wholeArea, widget);
    const int margin = style->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, widget) + 1;
    const CellTextCache::Line* line =
        m_cellText.line(opt.text, opt.font, textRect.width() - 2 * margin, opt.textElideMode);
    if (!line) {
        style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget);
        return;
    }
    style->drawControl(QStyle::CE_ItemViewItem, &bare, painter, widget);
    const QPalette::ColorGroup group = !(opt.state & QStyle::State_Enabled) ? QPalette::Disabled
                                       : opt.state & QStyle::State_Active   ? QPalette::Normal
                                                                            : QPalette::Inactive;
    painter->save();
    painter->setPen(opt.palette.color(group, QPalette::Text));
    CellTextCache::draw(painter, textRect, *line,
                        QStyle::visualAlignment(opt.direction, opt.displayAlignment), margin);
    painter->restore();
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
    QStyleOptionViewItem opt(option);
    initStyleOption(&opt, index);
    cutToCell(opt);
    drawCell(painter, opt);
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
