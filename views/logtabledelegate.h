#pragma once
// Paints a table cell with its level's colours, highlights the search text in the
// message column and marks bookmarked rows at their left edge.

#include "celltextcache.h"

#include <QRegularExpression>
#include <QStyledItemDelegate>

#include <functional>

namespace vigil {

class LogTableDelegate : public QStyledItemDelegate {
    Q_OBJECT
  public:
    using QStyledItemDelegate::QStyledItemDelegate;

    // What to highlight; an invalid or empty pattern highlights nothing.
    void setHighlight(const QRegularExpression& pattern) { m_highlight = pattern; }
    // What the find bar looks for: highlighted instead, in orange, while set.
    void setFindHighlight(const QRegularExpression& pattern) { m_find = pattern; }
    const QRegularExpression& findHighlight() const { return m_find; }
    // Which entries (by EntryIndex value) carry a bookmark mark; none when unset.
    void setMarked(std::function<bool(quint64)> marked) { m_marked = std::move(marked); }

    void paint(QPainter* painter, const QStyleOptionViewItem& option,
               const QModelIndex& index) const override;

  protected:
    void initStyleOption(QStyleOptionViewItem* option, const QModelIndex& index) const override;

  private:
    // The cell as the style draws it, its text from m_cellText where that draws the same.
    void drawCell(QPainter* painter, const QStyleOptionViewItem& opt) const;

    QRegularExpression m_highlight, m_find;
    mutable CellTextCache m_cellText; // paint() is const
    std::function<bool(quint64)> m_marked;
};

} // namespace vigil
