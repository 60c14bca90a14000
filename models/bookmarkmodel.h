#pragma once
// Entries the user marked (Ctrl+B) to come back to, listed in time order with their time,
// instance and message. A bookmark is kept as the file's identity (device and inode) and
// the entry's byte offset in it, so it finds its entry again after a restart and after
// the file was renamed by rotation (app.log → app.log.1). Bookmarks in files the open
// roots do not hold are kept, unlisted, for when those files are open again.

#include "logtablemodel.h"

#include <QAbstractTableModel>
#include <QVariantList>

#include <set>
#include <tuple>
#include <unordered_map>

namespace vigil {

class BookmarkModel : public QAbstractTableModel {
    Q_OBJECT
  public:
    enum Column { TimeColumn, InstanceColumn, MessageColumn, ColumnCount };
    enum Role { EntryIndexRole = Qt::UserRole + 1 };
    static constexpr int kMaxBookmarks = 1000;

    explicit BookmarkModel(LogTableModel& table, QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // Bookmarks as saved (see saved()); those of entries already stored show at once.
    void setSaved(const QVariantList& saved);
    // Every bookmark, listed or not, as plain values for QSettings.
    QVariantList saved() const;

    // Adds or removes the bookmark on an entry; returns whether it is bookmarked now.
    bool toggle(EntryIndex entry);
    bool remove(EntryIndex entry);
    bool contains(EntryIndex entry) const { return m_keys.count(entry.value) > 0; }
    // Bookmarked entries the store holds, in time order.
    const std::vector<EntryIndex>& entries() const { return m_rows; }
    EntryIndex entryAt(int row) const { return m_rows[std::size_t(row)]; }

  public Q_SLOTS:
    // Finds the entries of saved bookmarks among newly stored entries and lets go of
    // evicted ones (call after the store grew or evicted).
    void refresh();

  Q_SIGNALS:
    // The set of bookmarks changed (to be saved).
    void bookmarksChanged();

  private:
    using Key = std::tuple<quint64, quint64, quint64>; // device, inode, offset
    struct Saved {
        Key key;
        QString path;
    };
    Key keyOf(EntryIndex entry) const;
    void insertRow(EntryIndex entry);
    void removeRow(EntryIndex entry);

    LogTableModel& m_table;
    std::vector<Saved> m_saved;                    // every bookmark, in the order made
    std::set<Key> m_pending;                       // saved bookmarks whose entry is not stored (yet)
    std::vector<EntryIndex> m_rows;                // listed: stored bookmarked entries, time order
    std::unordered_map<std::uint64_t, Key> m_keys; // listed entries' bookmarks
    std::uint64_t m_scannedEnd = 0;
};

} // namespace vigil
