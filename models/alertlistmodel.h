#pragma once
// The alert list as a table: active alerts first (newest first), then the history
// (newest first): time, instance, rule, value, state. Follows the engine's signals with
// one reset per change burst: the list is short (the engine caps its history).

#include "alerts/alertengine.h"

#include <QAbstractTableModel>

namespace vigil {

class AlertListModel : public QAbstractTableModel {
    Q_OBJECT
  public:
    enum Column { ColTime, ColInstance, ColRule, ColValue, ColState, ColumnCount };
    enum Role { AlertIdRole = Qt::UserRole + 1, SeverityRole, ActiveRole };

    explicit AlertListModel(AlertEngine& engine, QObject* parent = nullptr);

    const Alert* alertAt(int row) const;
    int rowOf(std::uint64_t id) const;

    int rowCount(const QModelIndex& parent = QModelIndex()) const override;
    int columnCount(const QModelIndex& parent = QModelIndex()) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    void refresh();
    AlertEngine& engine() const { return m_engine; }

  private:
    AlertEngine& m_engine;
    void flushValueChanges();

    std::vector<std::uint64_t> m_ids; // row order
    bool m_pending = false;
    // Rows whose current value moved since the last flush: catching up on hours of
    // history moves them once per evaluated second, and each dataChanged() costs the
    // views a relayout, so they hear of it once per turn of the event loop.
    int m_changedFirst = -1, m_changedLast = -1;
};

} // namespace vigil
