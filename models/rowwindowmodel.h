#pragma once
// A few hundred consecutive rows of a flat table model, shown as a model of their own. A view
// keeps per-row records for every row it is given (QHeaderView: one per row, rebuilt on every
// reset and moved on every insert: ~90 ms a reset at 24 M rows), so the log table gives its
// view this window and scrolls the full result with a scroll bar of its own.
// Rows inserted or removed above the window shift it, so the rows it shows stay the same;
// rows appended right below it join it while it has room.

#include <QAbstractProxyModel>

namespace vigil {

class RowWindowModel : public QAbstractProxyModel {
    Q_OBJECT
  public:
    explicit RowWindowModel(QObject* parent = nullptr);

    void setSourceModel(QAbstractItemModel* source) override;

    // The source row of the window's first row, and how many rows it holds.
    int first() const { return m_first; }
    int size() const { return m_count; }
    // How many rows the window holds at most.
    int capacity() const { return m_capacity; }
    // Shows `capacity` rows from `first` on (fewer at the source's end): one reset of this
    // model when anything changes, none otherwise.
    void setWindow(int first, int capacity);
    // Between the begin and end of a change of this model's rows.
    bool changing() const { return m_changing; }

    QModelIndex mapToSource(const QModelIndex& proxyIndex) const override;
    QModelIndex mapFromSource(const QModelIndex& sourceIndex) const override;
    // Whole ranges, never index by index: a selection can hold every row of the source.
    QItemSelection mapSelectionToSource(const QItemSelection& selection) const override;
    QItemSelection mapSelectionFromSource(const QItemSelection& selection) const override;

    QModelIndex index(int row, int column, const QModelIndex& parent = {}) const override;
    QModelIndex parent(const QModelIndex& child) const override;
    QModelIndex sibling(int row, int column, const QModelIndex& index) const override;
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    bool hasChildren(const QModelIndex& parent = {}) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

  private:
    int sourceRows() const;
    // The window clamped to the source: m_first and m_count from m_wantFirst and m_capacity.
    void clampWindow();
    void beginSourceReset();
    void endSourceReset();
    void sourceRowsAboutToBeInserted(const QModelIndex& parent, int first, int last);
    void sourceRowsInserted(const QModelIndex& parent, int first, int last);
    void sourceRowsAboutToBeRemoved(const QModelIndex& parent, int first, int last);
    void sourceRowsRemoved(const QModelIndex& parent, int first, int last);
    void sourceDataChanged(const QModelIndex& topLeft, const QModelIndex& bottomRight,
                           const QList<int>& roles);
    void sourceHeaderDataChanged(Qt::Orientation orientation, int first, int last);

    int m_first = 0, m_count = 0, m_capacity = 256;
    int m_wantFirst = 0;
    bool m_changing = false;
    // What the source's pending insert or removal does to the window.
    enum class Pending { None, Insert, Remove, Reset } m_pending = Pending::None;
    int m_pendingFirst = 0, m_pendingCount = 0, m_pendingShift = 0;
    QList<QMetaObject::Connection> m_connections;
};

} // namespace vigil
