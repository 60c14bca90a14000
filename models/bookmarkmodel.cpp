#include "bookmarkmodel.h"

#include "secrets/safetext.h"

#include "query/entryfields.h"
#include "query/timeorder.h"

#include <algorithm>

namespace vigil {

namespace {
QString qs(std::string_view s) {
    return QString::fromUtf8(s.data(), qsizetype(s.size()));
}
} // namespace

BookmarkModel::BookmarkModel(LogTableModel& table, QObject* parent)
    : QAbstractTableModel(parent), m_table(table) {
    // Time and message follow the table's UTC and reveal choices.
    connect(&table, &QAbstractItemModel::dataChanged, this, [this] {
        if (!m_rows.empty()) Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
    });
}

int BookmarkModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(m_rows.size());
}

int BookmarkModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

BookmarkModel::Key BookmarkModel::keyOf(EntryIndex entry) const {
    const EntryStore& store = m_table.store();
    const SourceInfo& source = store.sources()[store.file(entry)];
    return {source.device, source.inode, store.offset(entry)};
}

void BookmarkModel::setSaved(const QVariantList& saved) {
    beginResetModel();
    m_saved.clear();
    m_pending.clear();
    m_rows.clear();
    m_keys.clear();
    m_scannedEnd = m_table.store().beginIndex().value;
    for (const QVariant& v : saved) {
        const QVariantMap map = v.toMap();
        const Key key{map.value(QStringLiteral("device")).toULongLong(),
                      map.value(QStringLiteral("inode")).toULongLong(),
                      map.value(QStringLiteral("offset")).toULongLong()};
        if (std::get<1>(key) == 0 || m_pending.count(key)) continue;
        m_saved.push_back({key, map.value(QStringLiteral("path")).toString()});
        m_pending.insert(key);
    }
    endResetModel();
    refresh();
}

QVariantList BookmarkModel::saved() const {
    QVariantList list;
    for (const Saved& s : m_saved) {
        QVariantMap map;
        map.insert(QStringLiteral("device"), std::get<0>(s.key));
        map.insert(QStringLiteral("inode"), std::get<1>(s.key));
        map.insert(QStringLiteral("offset"), std::get<2>(s.key));
        map.insert(QStringLiteral("path"), s.path);
        list << map;
    }
    return list;
}

bool BookmarkModel::toggle(EntryIndex entry) {
    if (!m_table.store().contains(entry)) return false;
    if (contains(entry)) {
        remove(entry);
        return false;
    }
    const Key key = keyOf(entry);
    m_saved.push_back({key, m_table.store().sources()[m_table.store().file(entry)].absolutePath});
    // The oldest bookmarks make room (they are the least likely to be wanted again).
    while (int(m_saved.size()) > kMaxBookmarks) {
        const Key oldest = m_saved.front().key;
        m_saved.erase(m_saved.begin());
        m_pending.erase(oldest);
        for (const auto& [value, key] : m_keys)
            if (key == oldest) {
                removeRow(EntryIndex(value));
                break;
            }
    }
    insertRow(entry);
    Q_EMIT bookmarksChanged();
    return true;
}

bool BookmarkModel::remove(EntryIndex entry) {
    if (!contains(entry)) return false;
    const Key key = m_keys[entry.value];
    m_saved.erase(
        std::remove_if(m_saved.begin(), m_saved.end(), [&key](const Saved& s) { return s.key == key; }),
        m_saved.end());
    removeRow(entry);
    Q_EMIT bookmarksChanged();
    return true;
}

void BookmarkModel::insertRow(EntryIndex entry) {
    const EntryStore& store = m_table.store();
    auto at = std::lower_bound(m_rows.begin(), m_rows.end(), entry,
                               [&store](EntryIndex a, EntryIndex b) { return timeLess(store, a, b); });
    const int row = int(at - m_rows.begin());
    beginInsertRows({}, row, row);
    m_rows.insert(at, entry);
    m_keys.emplace(entry.value, keyOf(entry));
    endInsertRows();
}

void BookmarkModel::removeRow(EntryIndex entry) {
    auto at = std::find(m_rows.begin(), m_rows.end(), entry);
    if (at == m_rows.end()) return;
    const int row = int(at - m_rows.begin());
    beginRemoveRows({}, row, row);
    m_rows.erase(at);
    m_keys.erase(entry.value);
    endRemoveRows();
}

void BookmarkModel::refresh() {
    const EntryStore& store = m_table.store();
    // Evicted entries leave the list; their bookmarks wait in case the file is read again.
    std::vector<EntryIndex> evicted;
    for (EntryIndex e : m_rows)
        if (!store.contains(e)) evicted.push_back(e);
    for (EntryIndex e : evicted) {
        m_pending.insert(m_keys[e.value]);
        removeRow(e);
    }
    const std::uint64_t begin = std::max(m_scannedEnd, store.beginIndex().value),
                        end = store.endIndex().value;
    m_scannedEnd = end;
    if (m_pending.empty() || begin >= end) return;
    // Which files hold pending bookmarks: decided once per file, then one offset test per entry.
    std::vector<std::int8_t> holds;
    for (std::uint64_t i = begin; i < end && !m_pending.empty(); ++i) {
        const EntryIndex e(i);
        const FileId file = store.file(e);
        if (holds.size() <= file.value) holds.resize(file.value + 1, -1);
        if (holds[file.value] < 0) {
            const SourceInfo& s = store.sources()[file];
            auto first = m_pending.lower_bound(Key{s.device, s.inode, 0});
            holds[file.value] =
                first != m_pending.end() && std::get<0>(*first) == s.device && std::get<1>(*first) == s.inode;
        }
        if (!holds[file.value]) continue;
        const Key key = keyOf(e);
        if (m_pending.erase(key) && !contains(e)) insertRow(e);
    }
}

QVariant BookmarkModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) return {};
    const EntryIndex e = m_rows[std::size_t(index.row())];
    const EntryStore& store = m_table.store();
    if (!store.contains(e)) return {};
    if (role == EntryIndexRole) return QVariant::fromValue<quint64>(e.value);
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole) return {};
    switch (index.column()) {
    case TimeColumn:
        return m_table.formatTime(store.timeUs(e));
    case InstanceColumn:
        return shownLogValue(store.instances().label(store.instance(e).value));
    case MessageColumn: {
        std::string text;
        if (!store.readText(e, text)) return tr("(the entry's text is no longer readable)");
        EntryReader reader;
        return m_table.masker().mask(qs(reader.summary(text).message));
    }
    }
    return {};
}

QVariant BookmarkModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case TimeColumn:
        return tr("Time");
    case InstanceColumn:
        return tr("Instance");
    case MessageColumn:
        return tr("Message");
    }
    return {};
}

} // namespace vigil
