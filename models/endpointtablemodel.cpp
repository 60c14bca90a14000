#include "endpointtablemodel.h"

#include <algorithm>

namespace vigil {

namespace {
QString seconds(double s) {
    if (s < 1.0) return QString::number(s * 1000.0, 'f', s < 0.01 ? 2 : 0) + QStringLiteral(" ms");
    return QString::number(s, 'f', s < 100 ? 2 : 0) + QStringLiteral(" s");
}
} // namespace

EndpointTableModel::EndpointTableModel(const MetricsModel& metrics, const StringInterner& endpointNames,
                                       QObject* parent)
    : QAbstractTableModel(parent), m_metrics(metrics), m_names(endpointNames) {}

void EndpointTableModel::refresh(TimeRange range, const std::vector<InstanceId>& instances) {
    std::vector<EndpointStats> rows = m_metrics.endpointStats(range, instances);
    const bool sameSet = rows.size() == m_rows.size() &&
                         std::is_permutation(rows.begin(), rows.end(), m_rows.begin(),
                                             [](const EndpointStats& a, const EndpointStats& b) {
                                                 return a.endpoint == b.endpoint;
                                             });
    if (!sameSet)
        beginResetModel();
    else
        Q_EMIT layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
    const QModelIndexList before = sameSet ? persistentIndexList() : QModelIndexList();
    std::vector<EndpointId> oldOrder;
    for (const auto& r : m_rows)
        oldOrder.push_back(r.endpoint);
    m_rows = std::move(rows);
    sortRows();
    if (!sameSet) {
        endResetModel();
        return;
    }
    // Persistent indexes follow their endpoint to its new row.
    followEndpoints(before, oldOrder);
    Q_EMIT layoutChanged({}, QAbstractItemModel::VerticalSortHint);
    if (!m_rows.empty()) Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

void EndpointTableModel::followEndpoints(const QModelIndexList& before,
                                         const std::vector<EndpointId>& oldOrder) {
    QModelIndexList after;
    for (const QModelIndex& idx : before) {
        const EndpointId id = oldOrder[std::size_t(idx.row())];
        const auto it = std::find_if(m_rows.begin(), m_rows.end(),
                                     [&](const EndpointStats& r) { return r.endpoint == id; });
        after << index(int(it - m_rows.begin()), idx.column());
    }
    changePersistentIndexList(before, after);
}

QString EndpointTableModel::endpointName(int row) const {
    if (row < 0 || row >= rowCount()) return {};
    const std::string_view name = m_names.text(m_rows[std::size_t(row)].endpoint.value);
    return QString::fromUtf8(name.data(), qsizetype(name.size()));
}

int EndpointTableModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(m_rows.size());
}

int EndpointTableModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant EndpointTableModel::sortValue(const EndpointStats& r, int column) const {
    const EndpointTally& t = r.tally;
    switch (column) {
    case ColEndpoint: {
        const std::string_view name = m_names.text(r.endpoint.value);
        return QString::fromUtf8(name.data(), qsizetype(name.size()));
    }
    case ColCount:
        return qulonglong(t.count);
    case ColErrors:
        return qulonglong(t.errors);
    case ColAverage:
        return t.timed ? r.averageSeconds() : -1.0;
    case ColMin:
        return t.timed ? t.minSeconds : -1.0;
    case ColMax:
        return t.timed ? t.maxSeconds : -1.0;
    case ColSlow:
        return qulonglong(t.slow);
    case ColVerySlow:
        return qulonglong(t.verySlow);
    case ColToolsOn:
        return qulonglong(t.toolsOn);
    case ColSlowTools:
        return qulonglong(t.slowTools);
    case ColVerySlowTools:
        return qulonglong(t.verySlowTools);
    default:
        return {};
    }
}

QVariant EndpointTableModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= rowCount() || index.column() >= ColumnCount) return {};
    const EndpointStats& r = m_rows[std::size_t(index.row())];
    if (role == SortRole) return sortValue(r, index.column());
    if (role == Qt::TextAlignmentRole)
        return index.column() == ColEndpoint ? QVariant(int(Qt::AlignLeft | Qt::AlignVCenter))
                                             : QVariant(int(Qt::AlignRight | Qt::AlignVCenter));
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole) return {};
    const int c = index.column();
    if ((c == ColAverage || c == ColMin || c == ColMax) && r.tally.timed == 0) return QStringLiteral("–");
    switch (c) {
    case ColAverage:
        return seconds(r.averageSeconds());
    case ColMin:
        return seconds(r.tally.minSeconds);
    case ColMax:
        return seconds(r.tally.maxSeconds);
    default:
        return sortValue(r, c);
    }
}

QVariant EndpointTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal) return {};
    if (role == Qt::DisplayRole) {
        switch (section) {
        case ColEndpoint:
            return tr("Endpoint");
        case ColCount:
            return tr("Requests");
        case ColErrors:
            return tr("Errors");
        case ColAverage:
            return tr("Avg");
        case ColMin:
            return tr("Min");
        case ColMax:
            return tr("Max");
        case ColSlow:
            return tr("Slow");
        case ColVerySlow:
            return tr("Very slow");
        case ColToolsOn:
            return tr("Tools on");
        case ColSlowTools:
            return tr("Slow (tools)");
        case ColVerySlowTools:
            return tr("Very slow (tools)");
        default:
            return {};
        }
    }
    if (role == Qt::ToolTipRole) {
        const LatencyThresholds& t = m_metrics.thresholds();
        switch (section) {
        case ColSlow:
            return tr("Tools off: over %1 s, up to %2 s").arg(t.slowSeconds).arg(t.verySlowSeconds);
        case ColVerySlow:
            return tr("Tools off: over %1 s").arg(t.verySlowSeconds);
        case ColSlowTools:
            return tr("Tools on: over %1 s, up to %2 s").arg(t.slowToolsSeconds).arg(t.verySlowToolsSeconds);
        case ColVerySlowTools:
            return tr("Tools on: over %1 s").arg(t.verySlowToolsSeconds);
        case ColErrors:
            return tr("Level ERROR or above, or HTTP 5xx");
        default:
            return {};
        }
    }
    return {};
}

void EndpointTableModel::sortRows() {
    const int column = m_sortColumn;
    const bool ascending = m_sortOrder == Qt::AscendingOrder;
    std::stable_sort(m_rows.begin(), m_rows.end(), [&](const EndpointStats& a, const EndpointStats& b) {
        const QVariant va = sortValue(a, column), vb = sortValue(b, column);
        const int c = QVariant::compare(va, vb) == QPartialOrdering::Less      ? -1
                      : QVariant::compare(va, vb) == QPartialOrdering::Greater ? 1
                                                                               : 0;
        if (c == 0) return a.endpoint < b.endpoint;
        return ascending ? c < 0 : c > 0;
    });
}

void EndpointTableModel::sort(int column, Qt::SortOrder order) {
    if (column < 0 || column >= ColumnCount) return;
    Q_EMIT layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
    const QModelIndexList before = persistentIndexList();
    std::vector<EndpointId> oldOrder;
    for (const auto& r : m_rows)
        oldOrder.push_back(r.endpoint);
    m_sortColumn = column;
    m_sortOrder = order;
    sortRows();
    followEndpoints(before, oldOrder);
    Q_EMIT layoutChanged({}, QAbstractItemModel::VerticalSortHint);
}

} // namespace vigil
