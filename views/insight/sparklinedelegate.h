#pragma once
// Draws a row's counts over time (a model's list of numbers) as a small line in its
// cell, so a pattern that started a minute ago or stopped an hour ago shows at a glance.

#include <QStyledItemDelegate>

namespace vigil {

class SparklineDelegate : public QStyledItemDelegate {
    Q_OBJECT
  public:
    SparklineDelegate(int role, QObject* parent = nullptr) : QStyledItemDelegate(parent), m_role(role) {}
    void paint(QPainter* painter, const QStyleOptionViewItem& option,
               const QModelIndex& index) const override;
    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;

  private:
    int m_role;
};

} // namespace vigil
