#pragma once
// The entries table: a QAbstractTableModel over the store and the vector of rows the
// current filter selects, in time order across instances. Message and request id are read
// back lazily from the entry text for the rows a view asks for, with a small cache.
// Appended entries arrive in batches (one insert per batch, at most every 100 ms);
// evicted entries leave with beginRemoveRows.

#include "query/queryrunner.h"
#include "secrets/secretmasker.h"

#include <QAbstractTableModel>
#include <QTimer>

#include <unordered_map>

namespace vigil {

class LogTableModel : public QAbstractTableModel {
    Q_OBJECT
  public:
    enum Column {
        TimeColumn,
        InstanceColumn,
        LevelColumn,
        LoggerColumn,
        MessageColumn,
        DurationColumn,
        RequestIdColumn,
        GapColumn, // time since the row above: a traced request's steps read as a timeline
        ColumnCount
    };
    enum Role { EntryIndexRole = Qt::UserRole + 1, LevelRole };

    // Queries run on `executor`, which must outlive the model.
    LogTableModel(EntryStore& store, Executor& executor, QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // Applies a filter; returns a short reason (and keeps the previous filter) when it is
    // malformed, e.g. an invalid regular expression.
    QString setFilter(const FilterSpec& spec);
    const FilterSpec& filter() const { return m_spec; }

    void setUtc(bool utc);
    bool utc() const { return m_utc; }
    void setReveal(bool reveal);
    const SecretMasker& masker() const { return m_masker; }

    EntryIndex entryAt(int row) const { return m_rows[std::size_t(row)]; }
    // The row showing an entry, or -1.
    int rowOf(EntryIndex index) const;
    const std::vector<EntryIndex>& rows() const { return m_rows; }
    // Counts that follow the filter: by level, the entries that pass every condition but
    // the level choice; per second and level, the rows shown.
    const FilterTally& tally() const { return m_tally; }
    LevelCounts levelCounts() const { return m_tally.levelCounts(); }
    EntryStore& store() { return m_store; }
    const EntryStore& store() const { return m_store; }
    QueryRunner& runner() { return m_runner; }
    // No query running and every stored entry considered.
    bool settled() const;

    // The entry's whole text with secrets masked (as shown, copied and exported).
    QString entryText(EntryIndex index) const;
    QString formatTime(std::int64_t timeUs) const;
    static QString formatDuration(float seconds);
    // A gap between two entries as "+120 ms", "+2.5 s", "+3 min 5 s".
    static QString formatGap(std::int64_t micros);

  public Q_SLOTS:
    // Entries were appended to the store (LiveIngest::entriesAppended).
    void entriesAppended();
    // The store evicted its oldest entries: drops their rows.
    void entriesEvicted();
    // Sources were added or finished reading: rows whose text could not be read yet are
    // asked for again.
    void sourcesChanged();

  Q_SIGNALS:
    // A full result replaced the rows (after a filter change).
    void queryFinished(double seconds);
    void rowsAppended(int first, int last);
    // The level counts or the histogram of the rows changed.
    void tallyChanged();

  private:
    struct RowText {
        QString message, requestId;
    };
    RowText rowText(EntryIndex index) const;
    void applyFull(quint64 generation, std::shared_ptr<std::vector<EntryIndex>> rows, EntryIndex end,
                   double seconds);
    void applyAppended(quint64 generation, std::shared_ptr<std::vector<EntryIndex>> rows, EntryIndex from,
                       EntryIndex end);

    EntryStore& m_store;
    QueryRunner m_runner;
    FilterSpec m_spec;
    std::vector<EntryIndex> m_rows;
    FilterTally m_tally;
    SecretMasker m_masker;
    bool m_utc = false;
    QTimer m_appendTimer;

    static constexpr std::size_t kCacheSize = 512;
    mutable std::unordered_map<std::uint64_t, RowText> m_cache;
    mutable std::vector<std::uint64_t> m_cacheOrder; // ring of cached keys, oldest replaced first
    mutable std::size_t m_cacheNext = 0;
    mutable EntryReader m_reader;
    mutable bool m_uncached = false; // a row was shown without its text since the last sourcesChanged()
};

} // namespace vigil
