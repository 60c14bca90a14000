#pragma once
// The per-endpoint table (seed 000's metrics: count, average, min, max, slow and very
// slow counts, tools off and on apart) over a time range and a set of instances, as a
// sortable Qt table model. Sorting is done here on the handful of rows, no proxy needed.

#include "metrics/metricsmodel.h"
#include "store/stringinterner.h"

#include <QAbstractTableModel>

namespace vigil {

class EndpointTableModel : public QAbstractTableModel {
    Q_OBJECT
  public:
    enum Column {
        ColEndpoint,
        ColCount,
        ColErrors,
        ColAverage,
        ColMin,
        ColMax,
        ColSlow,
        ColVerySlow,
        ColToolsOn,
        ColSlowTools,
        ColVerySlowTools,
        ColumnCount
    };
    // Sort role: numbers as numbers, the endpoint as text.
    static constexpr int SortRole = Qt::UserRole + 1;

    EndpointTableModel(const MetricsModel& metrics, const StringInterner& endpointNames,
                       QObject* parent = nullptr);

    // Recomputes the rows; keeps the current sort. Emits a reset only when the set of
    // endpoints changed, dataChanged otherwise, so a view keeps its selection and scroll.
    void refresh(TimeRange range, const std::vector<InstanceId>& instances = {});

    const std::vector<EndpointStats>& rows() const { return m_rows; }
    QString endpointName(int row) const;

    int rowCount(const QModelIndex& parent = QModelIndex()) const override;
    int columnCount(const QModelIndex& parent = QModelIndex()) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

  private:
    QVariant sortValue(const EndpointStats& row, int column) const;
    void sortRows();
    // Moves persistent indexes to the rows their endpoints are in after a re-order;
    // `oldOrder` is the endpoint of every row before it.
    void followEndpoints(const QModelIndexList& before, const std::vector<EndpointId>& oldOrder);

    const MetricsModel& m_metrics;
    const StringInterner& m_names;
    std::vector<EndpointStats> m_rows;
    int m_sortColumn = ColCount;
    Qt::SortOrder m_sortOrder = Qt::DescendingOrder;
};

} // namespace vigil
