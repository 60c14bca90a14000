#include "rowwindowmodel.h"

#include <QItemSelection>

#include <algorithm>

namespace vigil {

RowWindowModel::RowWindowModel(QObject* parent) : QAbstractProxyModel(parent) {}

void RowWindowModel::setSourceModel(QAbstractItemModel* source) {
    beginResetModel();
    for (const auto& c : std::as_const(m_connections))
        disconnect(c);
    m_connections.clear();
    QAbstractProxyModel::setSourceModel(source);
    m_wantFirst = 0;
    m_pending = Pending::None;
    if (source) {
        using M = QAbstractItemModel;
        auto on = [this, source](auto signal, auto slot) {
            m_connections << connect(source, signal, this, slot);
        };
        on(&M::modelAboutToBeReset, &RowWindowModel::beginSourceReset);
        on(&M::modelReset, &RowWindowModel::endSourceReset);
        // Changes a flat log table never makes: shown anew, like a reset.
        on(&M::layoutAboutToBeChanged, &RowWindowModel::beginSourceReset);
        on(&M::layoutChanged, &RowWindowModel::endSourceReset);
        on(&M::rowsAboutToBeMoved, &RowWindowModel::beginSourceReset);
        on(&M::rowsMoved, &RowWindowModel::endSourceReset);
        on(&M::columnsAboutToBeInserted, &RowWindowModel::beginSourceReset);
        on(&M::columnsInserted, &RowWindowModel::endSourceReset);
        on(&M::columnsAboutToBeRemoved, &RowWindowModel::beginSourceReset);
        on(&M::columnsRemoved, &RowWindowModel::endSourceReset);
        on(&M::columnsAboutToBeMoved, &RowWindowModel::beginSourceReset);
        on(&M::columnsMoved, &RowWindowModel::endSourceReset);
        on(&M::rowsAboutToBeInserted, &RowWindowModel::sourceRowsAboutToBeInserted);
        on(&M::rowsInserted, &RowWindowModel::sourceRowsInserted);
        on(&M::rowsAboutToBeRemoved, &RowWindowModel::sourceRowsAboutToBeRemoved);
        on(&M::rowsRemoved, &RowWindowModel::sourceRowsRemoved);
        on(&M::dataChanged, &RowWindowModel::sourceDataChanged);
        on(&M::headerDataChanged, &RowWindowModel::sourceHeaderDataChanged);
    }
    clampWindow();
    endResetModel();
}

int RowWindowModel::sourceRows() const {
    return sourceModel() ? sourceModel()->rowCount() : 0;
}

void RowWindowModel::clampWindow() {
    const int rows = sourceRows();
    m_first = std::clamp(m_wantFirst, 0, std::max(0, rows - m_capacity));
    m_count = std::min(m_capacity, rows - m_first);
    m_wantFirst = m_first;
}

void RowWindowModel::setWindow(int first, int capacity) {
    capacity = std::max(1, capacity);
    const int rows = sourceRows();
    const int newFirst = std::clamp(first, 0, std::max(0, rows - capacity));
    const int newCount = std::min(capacity, rows - newFirst);
    if (newFirst == m_first && newCount == m_count && capacity == m_capacity) return;
    m_changing = true;
    beginResetModel();
    m_capacity = capacity;
    m_wantFirst = newFirst;
    clampWindow();
    endResetModel();
    m_changing = false;
}

void RowWindowModel::beginSourceReset() {
    if (m_pending == Pending::Reset) return; // a layout change inside a reset, say
    m_pending = Pending::Reset;
    m_changing = true;
    beginResetModel();
}

void RowWindowModel::endSourceReset() {
    if (m_pending != Pending::Reset) return;
    clampWindow();
    m_pending = Pending::None;
    endResetModel();
    m_changing = false;
}

void RowWindowModel::sourceRowsAboutToBeInserted(const QModelIndex& parent, int first, int last) {
    if (parent.isValid()) return;
    const int n = last - first + 1;
    m_pending = Pending::None;
    m_pendingShift = 0;
    if (first < m_first) {
        m_pendingShift = n; // above the window: it moves down with its rows
        return;
    }
    const int end = m_first + m_count;
    if (first > end) return;
    // Right below the window only while it has room; inside it, always (trimmed afterwards).
    const int take = first == end ? std::min(n, m_capacity - m_count) : n;
    if (take <= 0) return;
    m_pending = Pending::Insert;
    m_pendingFirst = first - m_first;
    m_pendingCount = take;
    m_changing = true;
    beginInsertRows({}, m_pendingFirst, m_pendingFirst + take - 1);
}

void RowWindowModel::sourceRowsInserted(const QModelIndex& parent, int, int) {
    if (parent.isValid()) return;
    m_first += m_pendingShift;
    m_pendingShift = 0;
    if (m_pending != Pending::Insert) {
        m_wantFirst = m_first;
        return;
    }
    m_pending = Pending::None;
    m_count += m_pendingCount;
    endInsertRows();
    if (m_count > m_capacity) {
        // Rows pushed out at the bottom leave the window, which keeps its size.
        beginRemoveRows({}, m_capacity, m_count - 1);
        m_count = m_capacity;
        endRemoveRows();
    }
    m_wantFirst = m_first;
    m_changing = false;
}

void RowWindowModel::sourceRowsAboutToBeRemoved(const QModelIndex& parent, int first, int last) {
    if (parent.isValid()) return;
    m_pending = Pending::None;
    // Removed above the window: it moves up with its rows.
    m_pendingShift = first < m_first ? std::min(last + 1, m_first) - first : 0;
    const int lo = std::max(first, m_first), hi = std::min(last, m_first + m_count - 1);
    if (lo > hi) return;
    m_pending = Pending::Remove;
    m_pendingFirst = lo - m_first;
    m_pendingCount = hi - lo + 1;
    m_changing = true;
    beginRemoveRows({}, m_pendingFirst, m_pendingFirst + m_pendingCount - 1);
}

void RowWindowModel::sourceRowsRemoved(const QModelIndex& parent, int, int) {
    if (parent.isValid()) return;
    m_first -= m_pendingShift;
    m_pendingShift = 0;
    m_wantFirst = m_first;
    if (m_pending != Pending::Remove) return;
    m_pending = Pending::None;
    m_count -= m_pendingCount;
    endRemoveRows();
    m_changing = false;
}

void RowWindowModel::sourceDataChanged(const QModelIndex& topLeft, const QModelIndex& bottomRight,
                                       const QList<int>& roles) {
    if (topLeft.parent().isValid()) return;
    const int lo = std::max(topLeft.row(), m_first), hi = std::min(bottomRight.row(), m_first + m_count - 1);
    if (lo > hi) return;
    Q_EMIT dataChanged(index(lo - m_first, topLeft.column()), index(hi - m_first, bottomRight.column()),
                       roles);
}

void RowWindowModel::sourceHeaderDataChanged(Qt::Orientation orientation, int first, int last) {
    if (orientation == Qt::Horizontal) {
        Q_EMIT headerDataChanged(orientation, first, last);
        return;
    }
    const int lo = std::max(first, m_first), hi = std::min(last, m_first + m_count - 1);
    if (lo <= hi) Q_EMIT headerDataChanged(orientation, lo - m_first, hi - m_first);
}

QModelIndex RowWindowModel::mapToSource(const QModelIndex& proxyIndex) const {
    if (!proxyIndex.isValid() || !sourceModel() || proxyIndex.model() != this) return {};
    return sourceModel()->index(m_first + proxyIndex.row(), proxyIndex.column());
}

QModelIndex RowWindowModel::mapFromSource(const QModelIndex& sourceIndex) const {
    if (!sourceIndex.isValid() || sourceIndex.model() != sourceModel() || sourceIndex.parent().isValid())
        return {};
    const int row = sourceIndex.row() - m_first;
    return row >= 0 && row < m_count ? createIndex(row, sourceIndex.column()) : QModelIndex();
}

QItemSelection RowWindowModel::mapSelectionToSource(const QItemSelection& selection) const {
    QItemSelection mapped;
    for (const QItemSelectionRange& r : selection) {
        if (!r.isValid() || r.model() != this) continue;
        mapped.append(QItemSelectionRange(mapToSource(r.topLeft()), mapToSource(r.bottomRight())));
    }
    return mapped;
}

QItemSelection RowWindowModel::mapSelectionFromSource(const QItemSelection& selection) const {
    QItemSelection mapped;
    for (const QItemSelectionRange& r : selection) {
        if (!r.isValid() || r.model() != sourceModel() || r.parent().isValid()) continue;
        const int lo = std::max(r.top(), m_first), hi = std::min(r.bottom(), m_first + m_count - 1);
        if (lo > hi) continue;
        mapped.append(QItemSelectionRange(index(lo - m_first, r.left()), index(hi - m_first, r.right())));
    }
    return mapped;
}

QModelIndex RowWindowModel::index(int row, int column, const QModelIndex& parent) const {
    if (parent.isValid() || row < 0 || row >= m_count || column < 0 || column >= columnCount()) return {};
    return createIndex(row, column);
}

QModelIndex RowWindowModel::parent(const QModelIndex&) const {
    return {};
}

QModelIndex RowWindowModel::sibling(int row, int column, const QModelIndex&) const {
    return index(row, column);
}

int RowWindowModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : m_count;
}

int RowWindowModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() || !sourceModel() ? 0 : sourceModel()->columnCount();
}

bool RowWindowModel::hasChildren(const QModelIndex& parent) const {
    return !parent.isValid() && m_count > 0 && columnCount() > 0;
}

QVariant RowWindowModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (!sourceModel()) return {};
    return sourceModel()->headerData(orientation == Qt::Vertical ? m_first + section : section, orientation,
                                     role);
}

} // namespace vigil
