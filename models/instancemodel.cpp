#include "instancemodel.h"

#include "secrets/safetext.h"
#include "secrets/secretmasker.h"

#include <QDir>

#include <algorithm>

namespace vigil {

InstanceModel::InstanceModel(const EntryStore& store, QObject* parent)
    : QAbstractItemModel(parent), m_store(store) {}

QModelIndex InstanceModel::index(int row, int column, const QModelIndex& parent) const {
    if (row < 0 || column < 0 || column >= ColumnCount) return {};
    if (!parent.isValid())
        return row < int(m_roots.size()) ? createIndex(row, column, kRootItem) : QModelIndex();
    if (!isRoot(parent) || parent.column() != 0) return {};
    const Root& root = m_roots[std::size_t(parent.row())];
    // Instance items carry their root's position + 1.
    return row < int(root.instances.size()) ? createIndex(row, column, quintptr(parent.row()) + 1)
                                            : QModelIndex();
}

QModelIndex InstanceModel::parent(const QModelIndex& child) const {
    if (!child.isValid() || isRoot(child)) return {};
    return createIndex(int(child.internalId() - 1), 0, kRootItem);
}

int InstanceModel::rowCount(const QModelIndex& parent) const {
    if (!parent.isValid()) return int(m_roots.size());
    if (isRoot(parent) && parent.column() == 0)
        return int(m_roots[std::size_t(parent.row())].instances.size());
    return 0;
}

int InstanceModel::columnCount(const QModelIndex&) const {
    return ColumnCount;
}

Qt::CheckState InstanceModel::rootState(const Root& root) const {
    int shown = 0;
    for (std::uint32_t id : root.instances)
        shown += (id < m_hidden.size() && m_hidden[id]) ? 0 : 1;
    return shown == 0                            ? Qt::Unchecked
           : shown == int(root.instances.size()) ? Qt::Checked
                                                 : Qt::PartiallyChecked;
}

QVariant InstanceModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid)) return {};
    const StoreCounters& counters = m_store.counters();
    auto countOf = [](const std::vector<std::uint64_t>& v, std::uint32_t id) {
        return id < v.size() ? v[id] : 0;
    };
    if (isRoot(index)) {
        const Root& root = m_roots[std::size_t(index.row())];
        std::uint64_t entries = 0, errors = 0;
        for (std::uint32_t id : root.instances) {
            entries += countOf(counters.entriesByInstance, id);
            errors += countOf(counters.errorsByInstance, id);
        }
        switch (role) {
        case Qt::DisplayRole:
            if (index.column() == NameColumn) return m_store.instances().rootLabel(root.path);
            return index.column() == EntriesColumn ? QVariant(qulonglong(entries))
                                                   : QVariant(qulonglong(errors));
        case Qt::ToolTipRole:
            return QDir::toNativeSeparators(root.path);
        case Qt::CheckStateRole:
            return index.column() == NameColumn ? QVariant(rootState(root)) : QVariant();
        default:
            return {};
        }
    }
    const std::uint32_t id = m_roots[std::size_t(index.internalId() - 1)].instances[std::size_t(index.row())];
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case NameColumn: {
            const auto name = m_store.instances().text(id);
            return name.empty() ? tr("(none)") : shownLogValue(name, SecretMasker());
        }
        case EntriesColumn:
            return qulonglong(countOf(counters.entriesByInstance, id));
        case ErrorsColumn:
            return qulonglong(countOf(counters.errorsByInstance, id));
        }
        return {};
    case Qt::CheckStateRole:
        if (index.column() != NameColumn) return {};
        return (id < m_hidden.size() && m_hidden[id]) ? Qt::Unchecked : Qt::Checked;
    case Qt::TextAlignmentRole:
        return index.column() == NameColumn ? QVariant() : QVariant(int(Qt::AlignRight | Qt::AlignVCenter));
    case InstanceIdRole:
        return id;
    case RemarkRole:
    case Qt::ToolTipRole:
        if (index.column() == NameColumn && id < m_remarks.size() && !m_remarks[id].isEmpty())
            return m_remarks[id];
        return {};
    default:
        return {};
    }
}

bool InstanceModel::setData(const QModelIndex& index, const QVariant& value, int role) {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid) || role != Qt::CheckStateRole ||
        index.column() != NameColumn)
        return false;
    const bool hide = value.toInt() == Qt::Unchecked;
    const Root& root =
        isRoot(index) ? m_roots[std::size_t(index.row())] : m_roots[std::size_t(index.internalId() - 1)];
    if (isRoot(index)) {
        for (std::uint32_t id : root.instances)
            setHidden(id, hide);
        if (!root.instances.empty()) {
            const QModelIndex first = this->index(0, 0, index),
                              last = this->index(int(root.instances.size()) - 1, 0, index);
            Q_EMIT dataChanged(first, last, {Qt::CheckStateRole});
        }
        Q_EMIT dataChanged(index, index, {Qt::CheckStateRole});
    } else {
        setHidden(root.instances[std::size_t(index.row())], hide);
        Q_EMIT dataChanged(index, index, {Qt::CheckStateRole});
        const QModelIndex parentIndex = parent(index);
        Q_EMIT dataChanged(parentIndex, parentIndex, {Qt::CheckStateRole});
    }
    Q_EMIT hiddenInstancesChanged();
    return true;
}

void InstanceModel::setHidden(std::uint32_t id, bool hidden) {
    if (m_hidden.size() <= id) m_hidden.resize(id + 1, false);
    m_hidden[id] = hidden;
}

void InstanceModel::notifyChecks() {
    if (!m_roots.empty())
        Q_EMIT dataChanged(index(0, 0), index(int(m_roots.size()) - 1, 0), {Qt::CheckStateRole});
    for (int r = 0; r < int(m_roots.size()); ++r) {
        const QModelIndex parentIndex = index(r, 0);
        if (!m_roots[std::size_t(r)].instances.empty())
            Q_EMIT dataChanged(index(0, 0, parentIndex), index(rowCount(parentIndex) - 1, 0, parentIndex),
                               {Qt::CheckStateRole});
    }
    Q_EMIT hiddenInstancesChanged();
}

void InstanceModel::showOnly(InstanceId only) {
    for (const Root& root : m_roots)
        for (std::uint32_t id : root.instances)
            setHidden(id, id != only.value);
    notifyChecks();
}

void InstanceModel::setHiddenInstances(const std::vector<bool>& hidden) {
    m_hidden = hidden;
    notifyChecks();
}

void InstanceModel::showAll() {
    m_hidden.assign(m_hidden.size(), false);
    notifyChecks();
}

void InstanceModel::setRemarks(std::vector<QString> remarks) {
    if (remarks == m_remarks) return;
    m_remarks = std::move(remarks);
    for (int r = 0; r < int(m_roots.size()); ++r) {
        const QModelIndex parentIndex = index(r, 0);
        if (!m_roots[std::size_t(r)].instances.empty())
            Q_EMIT dataChanged(index(0, NameColumn, parentIndex),
                               index(rowCount(parentIndex) - 1, NameColumn, parentIndex),
                               {RemarkRole, Qt::ToolTipRole});
    }
}

QModelIndex InstanceModel::indexOf(InstanceId id) const {
    if (id.value >= m_rootOfInstance.size() || m_rootOfInstance[id.value] < 0) return {};
    const int r = m_rootOfInstance[id.value];
    const auto& ids = m_roots[std::size_t(r)].instances;
    const auto it = std::find(ids.begin(), ids.end(), id.value);
    return createIndex(int(it - ids.begin()), 0, quintptr(r) + 1);
}

int InstanceModel::rootOf(const QString& path) {
    for (std::size_t r = 0; r < m_roots.size(); ++r)
        if (m_roots[r].path == path) return int(r);
    beginInsertRows({}, int(m_roots.size()), int(m_roots.size()));
    m_roots.push_back({path, {}});
    endInsertRows();
    return int(m_roots.size()) - 1;
}

void InstanceModel::refresh() {
    const std::uint64_t begin = m_store.beginIndex().value, end = m_store.endIndex().value;
    std::uint64_t i = std::max(m_seenEnd, begin);
    m_seenEnd = end;
    std::uint32_t lastInstance = UINT32_MAX;
    for (; i < end; ++i) {
        const std::uint32_t id = m_store.instance(EntryIndex(i)).value;
        if (id == lastInstance) continue; // runs of one instance are the common case
        lastInstance = id;
        if (id < m_rootOfInstance.size() && m_rootOfInstance[id] >= 0) continue;
        if (m_rootOfInstance.size() <= id) m_rootOfInstance.resize(id + 1, -1);
        const int r = rootOf(m_store.sources()[m_store.file(EntryIndex(i))].root);
        Root& root = m_roots[std::size_t(r)];
        const QModelIndex parentIndex = index(r, 0);
        beginInsertRows(parentIndex, int(root.instances.size()), int(root.instances.size()));
        root.instances.push_back(id);
        m_rootOfInstance[id] = r;
        endInsertRows();
    }
    // Counts changed everywhere: one dataChanged per root's children, and the roots.
    for (int r = 0; r < int(m_roots.size()); ++r) {
        const QModelIndex parentIndex = index(r, 0);
        const int n = rowCount(parentIndex);
        if (n > 0)
            Q_EMIT dataChanged(index(0, EntriesColumn, parentIndex), index(n - 1, ErrorsColumn, parentIndex),
                               {Qt::DisplayRole});
    }
    if (!m_roots.empty())
        Q_EMIT dataChanged(index(0, EntriesColumn), index(int(m_roots.size()) - 1, ErrorsColumn),
                           {Qt::DisplayRole});
}

void InstanceModel::reset() {
    beginResetModel();
    m_roots.clear();
    m_rootOfInstance.clear();
    m_hidden.clear();
    m_seenEnd = 0;
    endResetModel();
}

Qt::ItemFlags InstanceModel::flags(const QModelIndex& index) const {
    if (!index.isValid()) return Qt::NoItemFlags;
    Qt::ItemFlags f = Qt::ItemIsEnabled | Qt::ItemIsSelectable;
    if (index.column() == NameColumn) f |= Qt::ItemIsUserCheckable;
    return f;
}

QVariant InstanceModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
    switch (section) {
    case NameColumn:
        return tr("Instance");
    case EntriesColumn:
        return tr("Entries");
    case ErrorsColumn:
        return tr("Errors");
    }
    return {};
}

} // namespace vigil
