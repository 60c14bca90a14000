#pragma once
// Paints a table cell with its level's colours and highlights the search text in the
// message column.

#include <QRegularExpression>
#include <QStyledItemDelegate>

namespace vigil {

class LogTableDelegate : public QStyledItemDelegate {
    Q_OBJECT
  public:
    using QStyledItemDelegate::QStyledItemDelegate;

    // What to highlight; an invalid or empty pattern highlights nothing.
    void setHighlight(const QRegularExpression& pattern) { m_highlight = pattern; }

    void paint(QPainter* painter, const QStyleOptionViewItem& option,
               const QModelIndex& index) const override;

  protected:
    void initStyleOption(QStyleOptionViewItem* option, const QModelIndex& index) const override;

  private:
    QRegularExpression m_highlight;
};

} // namespace vigil
