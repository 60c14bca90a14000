#pragma once
// The endpoint table in a dock: a sortable view over EndpointTableModel, following the
// charts' time window and instance selection.

#include <QDockWidget>

class QTableView;
class QLabel;

namespace vigil {

class EndpointTableModel;

class EndpointDock : public QDockWidget {
    Q_OBJECT
  public:
    explicit EndpointDock(EndpointTableModel* model, QWidget* parent = nullptr);
    QTableView* view() const { return m_view; }
    void setCaption(const QString& text); // which window and instances the table covers

  private:
    QTableView* m_view;
    QLabel* m_caption;
};

} // namespace vigil
