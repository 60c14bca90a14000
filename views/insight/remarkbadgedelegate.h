#pragma once
// Marks a sidebar instance that stands out from its siblings with a small badge at the
// end of its name (the sentence is the tooltip), so the odd one is seen without opening
// the "What stands out" dock.

#include <QStyledItemDelegate>

namespace vigil {

class RemarkBadgeDelegate : public QStyledItemDelegate {
    Q_OBJECT
  public:
    RemarkBadgeDelegate(int remarkRole, QObject* parent = nullptr)
        : QStyledItemDelegate(parent), m_role(remarkRole) {}
    void paint(QPainter* painter, const QStyleOptionViewItem& option,
               const QModelIndex& index) const override;

  private:
    int m_role;
};

} // namespace vigil
