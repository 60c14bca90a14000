#include "logtablemodel.h"

#include "metrics/timemath.h"
#include "secrets/safetext.h"

#include <QDateTime>

#include <algorithm>
#include <cmath>
#include <iterator>

namespace vigil {

namespace {
constexpr int kAppendIntervalMs = 100;
// Late entries are inserted where they belong (the view keeps its place) unless that would
// move most rows many times: each insert in the middle moves the rows after it, in the
// model and in the view's header (measured: 32 inserts into a million rows held the GUI
// thread for 27 ms; a reset from the worker's result costs 2-6 ms). Big batches arrive
// while reading many files at once: those rerun the query on the worker instead.
constexpr std::size_t kMaxInsertGroups = 16;
constexpr std::size_t kBigBatch = 2048;       // fresh rows
constexpr std::size_t kMaxInsertDepth = 4096; // rows above the end
constexpr std::size_t kBigAppend = 16384;     // fresh rows: appended by a reset
// Rows shown past which growing them is left to the worker (applyAppended).
constexpr std::size_t kRowsGrownOnWorker = std::size_t(1) << 20;
// Seconds of the volume histogram past which growing them is left to the worker too: 16,384
// seconds (four and a half hours of entries) are 640 KB, and each growth copies them into
// fresh memory and writes its room (applyAppended).
constexpr std::size_t kSecondsGrownOnWorker = std::size_t(1) << 14;
// Rows below a late entry's place: past this many, moving them and the view's bookkeeping
// for an insert cost the GUI thread more than the worker rerunning the query (600 rows put
// in the middle of 24 M took 108 ms of GUI CPU in one event; a reset with 4.8 M rows 12 ms).
constexpr std::size_t kMaxRowsMoved = std::size_t(1) << 20;
} // namespace

LogTableModel::LogTableModel(EntryStore& store, Executor& executor, QObject* parent)
    : QAbstractTableModel(parent), m_store(store), m_runner(store, executor) {
    m_appendTimer.setSingleShot(true);
    m_appendTimer.setObjectName(QStringLiteral("tableAppend")); // named for traces of the GUI thread's events
    connect(&m_appendTimer, &QTimer::timeout, this, [this] { m_runner.entriesAppended(); });
    connect(&m_runner, &QueryRunner::fullResult, this, &LogTableModel::applyFull);
    connect(&m_runner, &QueryRunner::appendedResult, this, &LogTableModel::applyAppended);
    m_runner.setQuery(CompiledQuery::compile(m_spec, m_store, nullptr));
}

int LogTableModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(m_rows.size());
}
int LogTableModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QString LogTableModel::setFilter(const FilterSpec& spec) {
    QString error;
    auto query = CompiledQuery::compile(spec, m_store, &error);
    if (!query) return error;
    m_spec = spec;
    m_runner.setQuery(std::move(query));
    return {};
}

void LogTableModel::setUtc(bool utc) {
    if (utc == m_utc) return;
    m_utc = utc;
    if (!m_rows.empty()) Q_EMIT dataChanged(index(0, TimeColumn), index(rowCount() - 1, TimeColumn));
    Q_EMIT headerDataChanged(Qt::Horizontal, TimeColumn, TimeColumn);
}

void LogTableModel::setReveal(bool reveal) {
    if (reveal == m_masker.reveals()) return;
    m_masker.setReveal(reveal);
    m_cache.clear();
    m_cacheOrder.clear();
    if (!m_rows.empty()) Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

bool LogTableModel::settled() const {
    return !m_runner.busy() && m_runner.coveredEnd().value >= m_store.endIndex().value &&
           !m_appendTimer.isActive();
}

int LogTableModel::rowOf(EntryIndex entry) const {
    if (!m_store.contains(entry)) return -1;
    auto it = std::lower_bound(m_rows.begin(), m_rows.end(), entry,
                               [this](EntryIndex a, EntryIndex b) { return timeLess(m_store, a, b); });
    return it != m_rows.end() && *it == entry ? int(it - m_rows.begin()) : -1;
}

void LogTableModel::entriesAppended() {
    // The first rows show at once; later ones are batched.
    if (m_rows.empty() && !m_runner.busy())
        m_runner.entriesAppended();
    else if (!m_appendTimer.isActive())
        m_appendTimer.start(kAppendIntervalMs);
}

void LogTableModel::sourcesChanged() {
    // Rows painted before their file could be read ask again now.
    if (!m_uncached || m_rows.empty()) return;
    m_uncached = false;
    Q_EMIT dataChanged(index(0, MessageColumn), index(rowCount() - 1, RequestIdColumn),
                       {Qt::DisplayRole, Qt::ToolTipRole});
}

void LogTableModel::entriesEvicted() {
    const std::uint64_t begin = m_store.beginIndex().value;
    auto evicted = [begin](EntryIndex i) { return i.value < begin; };
    // The counts forget them too (their columns are still readable, just evicted).
    m_tally.dropSegmentsBefore(EntryIndex(begin));
    const StoreSnapshot& gone = m_store.lastEvicted();
    auto uncount = [&](EntryIndex e) {
        if (gone.contains(e)) m_tally.removeRow(gone.timeUs(e), gone.level(e));
    };
    // Evicted rows are the first-read entries: usually one run at the top, but entries
    // read from several files at once spread over the time order. Many runs: one reset.
    std::vector<std::pair<int, int>> runs;
    for (int row = 0; row < int(m_rows.size()) && runs.size() <= kMaxInsertGroups; ++row) {
        if (!evicted(m_rows[std::size_t(row)])) continue;
        int last = row;
        while (last + 1 < int(m_rows.size()) && evicted(m_rows[std::size_t(last) + 1]))
            ++last;
        runs.emplace_back(row, last);
        row = last;
    }
    if (runs.size() > kMaxInsertGroups) {
        for (EntryIndex e : m_rows)
            if (evicted(e)) uncount(e);
        beginResetModel();
        m_rows.erase(std::remove_if(m_rows.begin(), m_rows.end(), evicted), m_rows.end());
        endResetModel();
        Q_EMIT tallyChanged();
        return;
    }
    // Back to front, so earlier row numbers stay valid.
    for (auto it = runs.rbegin(); it != runs.rend(); ++it) {
        for (int row = it->first; row <= it->second; ++row)
            uncount(m_rows[std::size_t(row)]);
        beginRemoveRows({}, it->first, it->second);
        m_rows.erase(m_rows.begin() + it->first, m_rows.begin() + it->second + 1);
        endRemoveRows();
    }
    Q_EMIT tallyChanged();
}

void LogTableModel::applyFull(quint64, std::shared_ptr<std::vector<EntryIndex>> rows, EntryIndex,
                              double seconds) {
    beginResetModel();
    // Taken, not copied: the runner hands the rows shown before to a worker to free.
    m_rows.swap(*rows);
    m_tally = std::move(m_runner.resultTally());
    // Entries evicted while the query ran are not shown.
    const std::uint64_t begin = m_store.beginIndex().value;
    if (m_runner.resultBegin().value < begin) {
        m_tally.dropSegmentsBefore(EntryIndex(begin));
        const StoreSnapshot& gone = m_store.lastEvicted();
        m_rows.erase(std::remove_if(m_rows.begin(), m_rows.end(),
                                    [&](EntryIndex i) {
                                        if (i.value >= begin) return false;
                                        if (gone.contains(i))
                                            m_tally.removeRow(gone.timeUs(i), gone.level(i));
                                        return true;
                                    }),
                     m_rows.end());
    }
    endResetModel();
    Q_EMIT tallyChanged();
    Q_EMIT queryFinished(seconds);
    if (m_store.endIndex().value > m_runner.coveredEnd().value) entriesAppended();
}

void LogTableModel::applyAppended(quint64, std::shared_ptr<std::vector<EntryIndex>> rows, EntryIndex,
                                  EntryIndex) {
    if (m_tally.seconds().size() >= kSecondsGrownOnWorker &&
        m_runner.resultTally().seconds().size() > m_tally.secondsRoom()) {
        // Merging more seconds than the histogram has room for grows it here, in fresh
        // memory: opening 5 GB, that was 1,038 page faults in one 32 ms event. A full result
        // comes with the histogram built whole and room as large again (queryrunner.cpp).
        m_runner.rerun();
        return;
    }
    m_tally.merge(m_runner.resultTally());
    // Entries evicted while the query ran are neither counted nor shown.
    const std::uint64_t begin = m_store.beginIndex().value;
    m_tally.dropSegmentsBefore(EntryIndex(begin));
    std::vector<EntryIndex> kept;
    const bool anyEvicted =
        std::any_of(rows->begin(), rows->end(), [begin](EntryIndex i) { return i.value < begin; });
    if (anyEvicted) {
        const StoreSnapshot& gone = m_store.lastEvicted();
        for (EntryIndex i : *rows) {
            if (i.value >= begin)
                kept.push_back(i);
            else if (gone.contains(i))
                m_tally.removeRow(gone.timeUs(i), gone.level(i));
        }
    }
    Q_EMIT tallyChanged();
    const std::vector<EntryIndex>& fresh = anyEvicted ? kept : *rows;
    if (fresh.empty()) return;
    auto less = [this](EntryIndex a, EntryIndex b) { return timeLess(m_store, a, b); };
    const std::size_t grown = m_rows.size() + fresh.size();
    if (grown >= kRowsGrownOnWorker && grown > m_rows.capacity()) {
        // Growing to millions of rows copies them all into fresh memory on this thread (4.8 M
        // rows: 63 ms of its CPU in one event; 8 M rows appended to fewer than 1 M, 1,176 page
        // faults). The worker builds them whole instead, with room for the entries that
        // follow (sparebuffers.h), faulted in there (queryrunner.cpp).
        m_runner.rerun();
        return;
    }
    if (fresh.size() > kBigAppend) {
        if (!m_rows.empty() && less(fresh.front(), m_rows.back())) {
            m_runner.rerun(); // late entries among many: the worker merges
            return;
        }
        // Inserting rows costs the view per row; a reset costs it nothing per row (measured:
        // 4.3 M rows inserted at once held the GUI thread for 270 ms, a reset with 4.8 M 12 ms).
        const int first = int(m_rows.size());
        beginResetModel();
        m_rows.insert(m_rows.end(), fresh.begin(), fresh.end());
        endResetModel();
        Q_EMIT rowsAppended(first, int(m_rows.size()) - 1);
        return;
    }
    if (m_rows.empty() || !less(fresh.front(), m_rows.back())) {
        // The usual live case: everything new sorts after what is shown.
        const int first = int(m_rows.size());
        beginInsertRows({}, first, first + int(fresh.size()) - 1);
        m_rows.insert(m_rows.end(), fresh.begin(), fresh.end());
        endInsertRows();
        Q_EMIT rowsAppended(first, int(m_rows.size()) - 1);
        return;
    }
    // Late entries (another instance's clock, a file read later): find where they go.
    std::vector<std::pair<std::size_t, std::size_t>> groups; // (insert position in m_rows, count)
    for (EntryIndex e : fresh) {
        const std::size_t at =
            std::size_t(std::upper_bound(m_rows.begin(), m_rows.end(), e, less) - m_rows.begin());
        if (!groups.empty() && groups.back().first == at)
            ++groups.back().second;
        else
            groups.emplace_back(at, 1);
        if (groups.size() > kMaxInsertGroups) break;
    }
    const std::size_t below = groups.empty() ? 0 : m_rows.size() - groups.front().first;
    const bool deep = below > kMaxInsertDepth;
    if (groups.size() > kMaxInsertGroups || (fresh.size() > kBigBatch && (groups.size() > 1 || deep)) ||
        below > kMaxRowsMoved) {
        // Entries read from many files at once (the initial scan) interleave with every
        // part of the table, or late ones go above a million rows: the worker walks its
        // time order instead of the GUI merging.
        m_runner.rerun();
        return;
    }
    std::size_t next = 0, inserted = 0;
    for (const auto& [at, count] : groups) {
        const int row = int(at + inserted);
        beginInsertRows({}, row, row + int(count) - 1);
        m_rows.insert(m_rows.begin() + row, fresh.begin() + std::ptrdiff_t(next),
                      fresh.begin() + std::ptrdiff_t(next + count));
        endInsertRows();
        next += count;
        inserted += count;
    }
}

QString LogTableModel::formatTime(std::int64_t timeUs) const {
    if (timeUs == kNoTime) return {};
    const QDateTime t = QDateTime::fromMSecsSinceEpoch(msFromUs(timeUs), m_utc ? Qt::UTC : Qt::LocalTime);
    return t.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz"));
}

QString LogTableModel::formatDuration(float seconds) {
    if (std::isnan(seconds)) return {};
    if (seconds < 1) return QStringLiteral("%1 ms").arg(double(seconds) * 1000, 0, 'f', 0);
    return QStringLiteral("%1 s").arg(double(seconds), 0, 'f', seconds < 100 ? 2 : 0);
}

QString LogTableModel::formatGap(std::int64_t us) {
    const QString sign = us < 0 ? QStringLiteral("−") : QStringLiteral("+");
    us = std::abs(us);
    if (us == 0) return QStringLiteral("+0");
    if (us < 1000) return sign + QStringLiteral("%1 µs").arg(us);
    if (us < 1'000'000) return sign + QStringLiteral("%1 ms").arg(us / 1000);
    if (us < 60'000'000)
        return sign + QStringLiteral("%1 s").arg(double(us) / 1e6, 0, 'f', us < 10'000'000 ? 2 : 1);
    const std::int64_t s = us / 1'000'000;
    if (s < 3600) return sign + QStringLiteral("%1 min %2 s").arg(s / 60).arg(s % 60);
    return sign + QStringLiteral("%1 h %2 min").arg(s / 3600).arg(s % 3600 / 60);
}

QString LogTableModel::entryText(EntryIndex entry) const {
    std::string text;
    if (!m_store.readText(entry, text))
        return text.empty() ? QStringLiteral("(the entry's text is no longer readable)") : QString();
    return m_masker.mask(QString::fromUtf8(text.data(), qsizetype(text.size())));
}

LogTableModel::RowText LogTableModel::rowText(EntryIndex entry) const {
    auto it = m_cache.find(entry.value);
    if (it != m_cache.end()) return it->second;
    RowText row;
    std::string text;
    const SourceInfo& source = m_store.sources()[m_store.file(entry)];
    if (!source.bytes) {
        // Its file is still being read (the scan hands over a file's bytes when done with
        // it): not cached, so the row shows its text as soon as it can be read.
        m_uncached = true;
        return row;
    }
    if (m_store.readText(entry, text)) {
        const EntrySummary s = m_reader.summary(text);
        row.message = m_masker.mask(QString::fromUtf8(s.message.data(), qsizetype(s.message.size())));
        row.requestId = QString::fromUtf8(s.correlationId.data(), qsizetype(s.correlationId.size()));
        if (s.correlationIsSession)
            row.requestId = m_masker.maskField(QStringLiteral("session_id"), row.requestId);
    } else {
        // Not cached either: a read can fail for a moment (a file being replaced) and the
        // next paint tries again.
        row.message = QStringLiteral("(unreadable)");
        m_uncached = true;
        return row;
    }
    if (m_cacheOrder.size() < kCacheSize)
        m_cacheOrder.push_back(entry.value);
    else {
        m_cache.erase(m_cacheOrder[m_cacheNext]);
        m_cacheOrder[m_cacheNext] = entry.value;
        m_cacheNext = (m_cacheNext + 1) % kCacheSize;
    }
    return m_cache.emplace(entry.value, std::move(row)).first->second;
}

QVariant LogTableModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) return {};
    const EntryIndex e = m_rows[std::size_t(index.row())];
    if (!m_store.contains(e)) return {};
    switch (role) {
    case EntryIndexRole:
        return QVariant::fromValue<quint64>(e.value);
    case LevelRole:
        return int(m_store.level(e));
    case Qt::TextAlignmentRole:
        return index.column() == DurationColumn || index.column() == GapColumn
                   ? QVariant(int(Qt::AlignRight | Qt::AlignVCenter))
                   : QVariant();
    case Qt::ToolTipRole:
        if (index.column() == MessageColumn) return rowText(e).message;
        if (index.column() == GapColumn) return tr("Time since the entry above");
        return {};
    case Qt::DisplayRole:
        break;
    default:
        return {};
    }
    switch (index.column()) {
    case TimeColumn:
        return formatTime(m_store.timeUs(e));
    case InstanceColumn:
        return shownLogValue(m_store.instances().label(m_store.instance(e).value), m_masker);
    case LevelColumn: {
        const auto name = levelName(m_store.level(e));
        return QString::fromLatin1(name.data(), qsizetype(name.size()));
    }
    case LoggerColumn:
        return shownLogValue(m_store.loggers().text(m_store.logger(e).value), m_masker);
    case MessageColumn:
        return rowText(e).message;
    case DurationColumn:
        return formatDuration(m_store.durationSeconds(e));
    case RequestIdColumn:
        return rowText(e).requestId;
    case GapColumn: {
        if (index.row() == 0) return {};
        const std::int64_t t = m_store.timeUs(e),
                           before = m_store.timeUs(m_rows[std::size_t(index.row()) - 1]);
        return t == kNoTime || before == kNoTime ? QVariant() : QVariant(formatGap(t - before));
    }
    }
    return {};
}

QVariant LogTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case TimeColumn:
        return m_utc ? tr("Time (UTC)") : tr("Time");
    case InstanceColumn:
        return tr("Instance");
    case LevelColumn:
        return tr("Level");
    case LoggerColumn:
        return tr("Logger");
    case MessageColumn:
        return tr("Message");
    case DurationColumn:
        return tr("Duration");
    case RequestIdColumn:
        return tr("Request id");
    case GapColumn:
        return tr("Gap");
    }
    return {};
}

} // namespace vigil
