#pragma once
// The selection model of a view shown through a RowWindowModel: what the user does in the
// view (click, drag, Ctrl+click, arrows) goes to the selection model over the full model too,
// so rows selected outside the window stay selected and a Clear clears them. What the owner
// projects from the full model (setProjecting) stays here, and so does the window's reset.

#include <QItemSelectionModel>

namespace vigil {

class RowWindowModel;

class WindowSelectionModel : public QItemSelectionModel {
    Q_OBJECT
  public:
    WindowSelectionModel(RowWindowModel* window, QObject* parent);

    void setFull(QItemSelectionModel* full) { m_full = full; }
    // A change made in the window is being passed on to the full selection model.
    bool forwarding() const { return m_forwarding; }
    bool projecting() const { return m_projecting; }
    void setProjecting(bool projecting) { m_projecting = projecting; }

    using QItemSelectionModel::select;
    void select(const QItemSelection& selection, SelectionFlags command) override;
    void setCurrentIndex(const QModelIndex& index, SelectionFlags command) override;
    void clear() override;
    void reset() override;

  private:
    bool forwards() const;

    RowWindowModel* m_window;
    QItemSelectionModel* m_full = nullptr;
    bool m_forwarding = false, m_projecting = false;
};

} // namespace vigil
