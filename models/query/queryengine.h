#pragma once
// Applies a FilterSpec to the store's columns, producing the matching entries as a vector
// of indices. Column tests (level, instance, time, status, duration, names) run first;
// the entry text is read (through BlockReader) only for text search and other fields.
// Compile on the store's thread (names are resolved against its interners), then match on
// any thread, in parallel chunks.

#include "entryfields.h"
#include "filterspec.h"
#include "filtertally.h"
#include "textaccess.h"
#include "timeorder.h"

#include <QRegularExpression>
#include <QString>

#include <atomic>
#include <memory>
#include <optional>
#include <vector>

namespace vigil {

class Executor;

class CompiledQuery {
  public:
    // Fails (error set) for an invalid regular expression.
    static std::shared_ptr<const CompiledQuery> compile(const FilterSpec& spec, const EntryStore& store,
                                                        QString* error);

    const FilterSpec& spec() const { return m_spec; }
    bool needsText() const { return m_needsText; }
    bool matchesEverything() const { return m_everything; }

    // The matching entries among `candidates` (order kept), spread over the executor's
    // threads (none: on the calling thread).
    // Returns nothing when cancelled. With a tally, also counts by level the candidates that
    // pass every condition but the level choice, and the rows by second and level.
    std::optional<std::vector<EntryIndex>> filter(const SegmentedColumns& columns, const TextAccess& text,
                                                  const std::vector<EntryIndex>& candidates,
                                                  Executor* executor = nullptr,
                                                  const std::atomic<bool>* cancel = nullptr,
                                                  FilterTally* tally = nullptr) const;
    // filter() over every entry of `order`. When `order` is up to date with `columns`, a
    // filter that keeps few of them need not read the whole order (timedhits.h).
    std::optional<std::vector<EntryIndex>> filterInTimeOrder(const SegmentedColumns& columns,
                                                             const TextAccess& text, const TimeOrder& order,
                                                             Executor* executor = nullptr,
                                                             const std::atomic<bool>* cancel = nullptr,
                                                             FilterTally* tally = nullptr) const;

    // Parts of the test for one entry; `entries` is per-thread scratch.
    bool matchesColumns(const SegmentedColumns& c, EntryIndex i) const {
        return m_spec.showsLevel(c.level(i)) && matchesOtherColumns(c, i);
    }
    // Every column condition but the level choice.
    bool matchesOtherColumns(const SegmentedColumns& c, EntryIndex i) const;
    bool matchesText(std::string_view text, std::string_view lowered) const;
    bool matchesFields(std::string_view text, EntryReader& entries) const;

  private:
    struct IdSet { // a name condition resolved to the ids whose names satisfy it
        std::vector<bool> ids;
        bool contains(std::uint32_t id) const { return id < ids.size() && ids[id]; }
    };
    enum class Column { Level, Status, Duration, Instance, Logger, Endpoint, File };
    struct ColumnCondition {
        Column column;
        FieldCondition condition;
        IdSet names;
    };

    // `timeOrdered`: the candidates are every stored entry in time order.
    std::optional<std::vector<EntryIndex>>
    filterCandidates(const SegmentedColumns& columns, const TextAccess& text,
                     const std::vector<EntryIndex>& candidates, bool timeOrdered, Executor* executor,
                     const std::atomic<bool>* cancel, FilterTally* tally) const;
    // Column conditions only, over every stored entry; sets `secondsCounted` when it has
    // added the rows' per-second counts to the tally itself.
    std::optional<std::vector<EntryIndex>> filterColumnsOfAll(const SegmentedColumns& columns,
                                                              const std::vector<EntryIndex>& candidates,
                                                              bool timeOrdered, Executor* executor,
                                                              const std::atomic<bool>* cancel,
                                                              FilterTally* tally, bool& secondsCounted) const;
    // Entry by entry, text and all.
    std::optional<std::vector<EntryIndex>> filterEach(const SegmentedColumns& columns, const TextAccess& text,
                                                      const std::vector<EntryIndex>& candidates,
                                                      Executor* executor, const std::atomic<bool>* cancel,
                                                      FilterTally* tally) const;
    std::optional<std::vector<EntryIndex>> searchAll(const SegmentedColumns& columns, const TextAccess& text,
                                                     const std::vector<EntryIndex>& order, bool timeOrdered,
                                                     Executor* executor, const std::atomic<bool>* cancel,
                                                     FilterTally* tally, bool& secondsCounted) const;
    void filterChunk(const SegmentedColumns& columns, const TextAccess& text, const EntryIndex* from,
                     const EntryIndex* to, std::vector<EntryIndex>& out, const std::atomic<bool>* cancel,
                     FilterTally* tally) const;

    FilterSpec m_spec;
    std::vector<ColumnCondition> m_columnConditions;
    std::vector<FieldCondition> m_fieldConditions;
    std::string m_needle; // lower-cased unless case-sensitive
    std::unique_ptr<QRegularExpression> m_regex;
    bool m_needsText = false;
    bool m_everything = false;
};

// Compares one field value with a condition (numbers numerically, text exactly or by
// substring; true/false spelled any case).
bool fieldValueMatches(const FieldCondition& c, std::string_view value);

} // namespace vigil
