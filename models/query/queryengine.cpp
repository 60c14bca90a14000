#include "queryengine.h"
#include "sparerows.h"

#include "../exec/executor.h"
#include "../memory/hugepages.h"
#include "../parse/decimal.h"
#include "blocksearch.h"
#include "timedhits.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <functional>

namespace vigil {

namespace {
// glibc's memmem is vectorised; string_view::find restarts at every first-byte match.
bool containsBytes(std::string_view hay, std::string_view needle) {
    return needle.empty() || ::memmem(hay.data(), hay.size(), needle.data(), needle.size()) != nullptr;
}

bool iequals(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i])))
            return false;
    return true;
}

bool icontains(std::string_view hay, std::string_view needle) {
    return std::search(hay.begin(), hay.end(), needle.begin(), needle.end(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) ==
                      std::tolower(static_cast<unsigned char>(y));
           }) != hay.end();
}

template <typename T> bool compareOrdered(FieldCondition::Op op, T v, T want) {
    switch (op) {
    case FieldCondition::Op::Eq:
        return v == want;
    case FieldCondition::Op::Ne:
        return v != want;
    case FieldCondition::Op::Gt:
        return v > want;
    case FieldCondition::Op::Ge:
        return v >= want;
    case FieldCondition::Op::Lt:
        return v < want;
    case FieldCondition::Op::Le:
        return v <= want;
    case FieldCondition::Op::Contains:
        return false;
    }
    return false;
}

bool keyMatches(std::string_view path, std::string_view key) {
    if (path == key) return true;
    // "tools_enabled" finds "data.tools_enabled"; "data.tools_enabled" only itself.
    return path.size() > key.size() && path[path.size() - key.size() - 1] == '.' &&
           path.substr(path.size() - key.size()) == key;
}

bool nameMatches(const FieldCondition& c, std::string_view name) {
    if (c.op == FieldCondition::Op::Contains) return icontains(name, c.text);
    const bool equal = iequals(name, c.text);
    return c.op == FieldCondition::Op::Ne ? !equal : equal;
}
// The pieces that threads filled side by side, in their order.
std::vector<EntryIndex> joined(const std::vector<std::vector<EntryIndex>>& pieces) {
    std::size_t total = 0;
    for (const auto& piece : pieces)
        total += piece.size();
    std::vector<EntryIndex> out = SpareRows::take(total);
    auto at = out.begin();
    for (const auto& piece : pieces)
        at = std::copy(piece.begin(), piece.end(), at);
    return out;
}
// The matches of a filter over every entry, in the order of `order`: merged from the lists
// gathered in store order when `order` is the time order and they are few (timedhits.h),
// else read out of `order`, `matched(entry)` telling which entries to keep.
template <typename Matched>
std::vector<EntryIndex> inTimeOrder(std::vector<TimedHits>& gathered, const std::vector<EntryIndex>& order,
                                    bool timeOrdered, Executor* executor, FilterTally* tally,
                                    bool& secondsCounted, Matched&& matched) {
    if (timeOrdered && worthMerging(gathered, order.size())) {
        secondsCounted = true;
        return mergeByTime(gathered, executor, tally);
    }
    gathered.clear();
    const int parts = partsFor(executor);
    std::vector<std::vector<EntryIndex>> pieces(static_cast<std::size_t>(parts));
    forEachPart(executor, parts, [&](int part) {
        const std::size_t from = order.size() * std::size_t(part) / std::size_t(parts);
        const std::size_t to = order.size() * std::size_t(part + 1) / std::size_t(parts);
        std::vector<EntryIndex>& piece = pieces[std::size_t(part)];
        reserveLarge(piece, to - from); // pages are backed only as they are written
        for (std::size_t k = from; k < to; ++k)
            if (matched(order[k])) piece.push_back(order[k]);
    });
    return joined(pieces);
}
} // namespace

bool FilterSpec::isEmpty() const {
    return (levelMask & 0x7Fu) == 0x7Fu &&
           std::none_of(hiddenInstances.begin(), hiddenInstances.end(), [](bool b) { return b; }) &&
           !hasTimeRange() && text.empty() && fields.empty();
}

bool fieldValueMatches(const FieldCondition& c, std::string_view value) {
    if (c.op == FieldCondition::Op::Contains) return icontains(value, c.text);
    if (c.numeric) {
        double number = 0;
        if (parseDecimal(value, number)) return compareOrdered(c.op, number, c.number);
        if (c.op != FieldCondition::Op::Eq && c.op != FieldCondition::Op::Ne) return false;
    }
    const bool equal = value == c.text || ((value == "true" || value == "false") && iequals(value, c.text));
    return c.op == FieldCondition::Op::Ne ? !equal : c.op == FieldCondition::Op::Eq && equal;
}

std::shared_ptr<const CompiledQuery> CompiledQuery::compile(const FilterSpec& spec, const EntryStore& store,
                                                            QString* error) {
    auto q = std::make_shared<CompiledQuery>();
    q->m_spec = spec;
    if (!spec.text.empty()) {
        if (spec.regex) {
            QRegularExpression::PatternOptions options = QRegularExpression::UseUnicodePropertiesOption;
            if (!spec.caseSensitive) options |= QRegularExpression::CaseInsensitiveOption;
            q->m_regex = std::make_unique<QRegularExpression>(QString::fromStdString(spec.text), options);
            if (!q->m_regex->isValid()) {
                if (error)
                    *error = QStringLiteral("invalid regular expression: %1").arg(q->m_regex->errorString());
                return nullptr;
            }
            q->m_regex->optimize();
        } else {
            q->m_needle = spec.text;
            if (!spec.caseSensitive) asciiLowercase(q->m_needle.data(), q->m_needle.size());
        }
        q->m_needsText = true;
    }
    auto resolve = [](const StringInterner& names, const FieldCondition& c) {
        IdSet set;
        set.ids.resize(names.size());
        for (std::uint32_t id = 0; id < names.size(); ++id)
            set.ids[id] = nameMatches(c, names.text(id));
        return set;
    };
    // An instance answers to its name (every root's) and to its root-qualified label.
    auto resolveInstances = [](const InstanceTable& names, const FieldCondition& c) {
        IdSet set;
        set.ids.resize(names.size());
        for (std::uint32_t id = 0; id < names.size(); ++id) {
            const bool byName = nameMatches(c, names.text(id));
            const bool byLabel = nameMatches(c, names.label(id).toStdString());
            set.ids[id] = c.op == FieldCondition::Op::Ne ? byName && byLabel : byName || byLabel;
        }
        return set;
    };
    for (const FieldCondition& c : spec.fields) {
        const std::string_view key = c.key;
        ColumnCondition cc{Column::Level, c, {}};
        if (key == "level")
            cc.column = Column::Level;
        else if (key == "status" || key == "status_code")
            cc.column = Column::Status;
        else if (key == "duration")
            cc.column = Column::Duration;
        else if (key == "instance")
            cc.column = Column::Instance, cc.names = resolveInstances(store.instances(), c);
        else if (key == "logger")
            cc.column = Column::Logger, cc.names = resolve(store.loggers(), c);
        else if (key == "endpoint" || key == "path")
            cc.column = Column::Endpoint, cc.names = resolve(store.endpoints(), c);
        else if (key == "file") {
            cc.column = Column::File;
            const std::uint32_t n = store.sources().size();
            cc.names.ids.resize(n);
            for (std::uint32_t f = 0; f < n; ++f) {
                // A path below its root (every root's file of that name) or the file itself.
                const SourceInfo& source = store.sources()[FileId(f)];
                const bool relative = nameMatches(c, source.relativePath.toStdString());
                const bool exact = c.op == FieldCondition::Op::Eq || c.op == FieldCondition::Op::Ne;
                const bool absolute = exact ? nameMatches(c, source.absolutePath.toStdString())
                                            : c.op == FieldCondition::Op::Ne;
                cc.names.ids[f] =
                    c.op == FieldCondition::Op::Ne ? relative && absolute : relative || absolute;
            }
        } else {
            q->m_fieldConditions.push_back(c);
            q->m_needsText = true;
            continue;
        }
        q->m_columnConditions.push_back(std::move(cc));
    }
    q->m_everything = spec.isEmpty();
    return q;
}

bool CompiledQuery::matchesOtherColumns(const SegmentedColumns& c, EntryIndex i) const {
    if (!m_spec.showsInstance(c.instance(i).value)) return false;
    if (m_spec.hasTimeRange()) {
        const std::int64_t t = c.timeUs(i);
        if (t < m_spec.fromUs || t > m_spec.toUs) return false;
    }
    for (const ColumnCondition& cc : m_columnConditions) {
        const FieldCondition& f = cc.condition;
        switch (cc.column) {
        case Column::Level:
            if (!compareOrdered(f.op, double(c.level(i)), f.number)) return false;
            break;
        case Column::Status: {
            const std::uint16_t s = c.status(i);
            if (s == 0 && f.op != FieldCondition::Op::Ne) return false;
            if (f.op == FieldCondition::Op::Contains ? std::to_string(s).find(f.text) == std::string::npos
                                                     : !compareOrdered(f.op, double(s), f.number))
                return false;
            break;
        }
        case Column::Duration: {
            const float d = c.durationSeconds(i);
            if (std::isnan(d)) return f.op == FieldCondition::Op::Ne;
            // Compare at float precision: "duration=1.448s" finds the 1.448 stored as a float.
            if (!compareOrdered(f.op, d, float(f.number))) return false;
            break;
        }
        case Column::Instance:
            if (!cc.names.contains(c.instance(i).value)) return false;
            break;
        case Column::Logger:
            if (!cc.names.contains(c.logger(i).value)) return false;
            break;
        case Column::Endpoint:
            if (!cc.names.contains(c.endpoint(i).value)) return false;
            break;
        case Column::File:
            if (!cc.names.contains(c.file(i).value)) return false;
            break;
        }
    }
    return true;
}

bool CompiledQuery::matchesText(std::string_view text, std::string_view lowered) const {
    if (m_spec.text.empty()) return true;
    if (m_regex) return m_regex->match(QString::fromUtf8(text.data(), qsizetype(text.size()))).hasMatch();
    return containsBytes(m_spec.caseSensitive ? text : lowered, m_needle);
}

bool CompiledQuery::matchesFields(std::string_view text, EntryReader& entries) const {
    if (m_fieldConditions.empty()) return true;
    // Cheap rejection first: an equality or "contains" value must occur in the text.
    for (const FieldCondition& c : m_fieldConditions) {
        if ((c.op == FieldCondition::Op::Eq || c.op == FieldCondition::Op::Contains) && !c.text.empty() &&
            c.text != "true" && c.text != "false" && !icontains(text, c.text))
            return false;
    }
    const FieldList fields = entries.fields(text);
    for (const FieldCondition& c : m_fieldConditions) {
        const bool anyId = c.key == "id";
        bool found = false, allowed = c.op == FieldCondition::Op::Ne;
        for (const auto& [path, value] : fields) {
            if (anyId ? !EntryReader::isCorrelationName(lastPathPart(path)) : !keyMatches(path, c.key))
                continue;
            found = true;
            const bool ok = fieldValueMatches(c, value);
            if (c.op == FieldCondition::Op::Ne)
                allowed = allowed && ok;
            else if (ok) {
                allowed = true;
                break;
            }
        }
        if (!found && c.op == FieldCondition::Op::Ne) allowed = true;
        if (!allowed) return false;
    }
    return true;
}

void CompiledQuery::filterChunk(const SegmentedColumns& columns, const TextAccess& text,
                                const EntryIndex* from, const EntryIndex* to, std::vector<EntryIndex>& out,
                                const std::atomic<bool>* cancel, FilterTally* tally) const {
    const bool lowered = !m_spec.text.empty() && !m_regex && !m_spec.caseSensitive;
    BlockReader raw(text, false), lower(text, true);
    EntryReader entries;
    std::size_t k = 0;
    for (const EntryIndex* p = from; p != to; ++p, ++k) {
        if (cancel && (k & 0xFFFF) == 0 && cancel->load(std::memory_order_relaxed)) return;
        const EntryIndex i = *p;
        // Without a tally a hidden level rejects at once; with one, the entry is counted
        // for its level button if it passes everything else.
        const Level level = columns.level(i);
        const bool shown = m_spec.showsLevel(level);
        if ((!shown && !tally) || !matchesOtherColumns(columns, i)) continue;
        if (m_needsText) {
            std::string_view body, low;
            bool done = false;
            if (lowered) {
                if (!lower.read(columns, i, low)) continue;
                if (!containsBytes(low, m_needle)) continue;
                done = m_fieldConditions.empty();
            }
            if (!done) {
                if (!raw.read(columns, i, body)) continue;
                if (!lowered && !matchesText(body, body)) continue;
                if (!matchesFields(body, entries)) continue;
            }
        }
        if (tally) tally->countLevel(i, level);
        if (shown) out.push_back(i);
    }
}

std::optional<std::vector<EntryIndex>>
CompiledQuery::searchAll(const SegmentedColumns& columns, const TextAccess& text,
                         const std::vector<EntryIndex>& order, bool timeOrdered, Executor* executor,
                         const std::atomic<bool>* cancel, FilterTally* tally, bool& secondsCounted) const {
    // A plain text search over every entry: search each file's bytes in blocks, map the
    // matches to entries by offset, then read them out in the requested (time) order.
    const std::uint64_t begin = columns.beginIndex().value, n = columns.size();
    const int parts = partsFor(executor);
    auto bound = [&](int part) { return n * std::uint64_t(part) / std::uint64_t(parts); };
    const bool allLevels = (m_spec.levelMask & 0x7Fu) == 0x7Fu;
    const bool allColumns = m_columnConditions.empty() && allLevels &&
                            std::none_of(m_spec.hiddenInstances.begin(), m_spec.hiddenInstances.end(),
                                         [](bool b) { return b; }) &&
                            !m_spec.hasTimeRange();
    // With other filters, only the entries they let through are searched (the level buttons
    // count matches of every level), and blocks of the files holding none are not read.
    std::vector<std::uint8_t> wanted;
    if (!allColumns) {
        wanted.resize(n);
        forEachPart(executor, parts, [&](int p) {
            for (std::uint64_t i = bound(p), to = bound(p + 1); i < to; ++i) {
                const EntryIndex e(begin + i);
                wanted[i] = (tally || m_spec.showsLevel(columns.level(e))) && matchesOtherColumns(columns, e);
            }
        });
    }
    std::vector<std::uint64_t> hits; // one bit an entry (blocksearch.h)
    if (!searchEveryEntry(columns, text, NeedleFinder(m_spec.text, m_spec.caseSensitive), executor, cancel,
                          hits, allColumns ? nullptr : &wanted))
        return std::nullopt;
    // The matches in store order: counted by level, and gathered for a merge into time
    // order when they are few (timedhits.h); those of hidden levels unmarked, so that the
    // marks are the rows when many are read out of the time order instead. Parts start on
    // a word of 64 entries: no two write the same word.
    std::vector<FilterTally> tallies{std::size_t(parts)};
    std::vector<TimedHits> gathered = hitListsFor(n, parts, timeOrdered);
    const std::size_t words = hits.size();
    forEachPart(executor, parts, [&](int p) {
        const std::size_t from = words * std::size_t(p) / std::size_t(parts);
        const std::size_t to = words * std::size_t(p + 1) / std::size_t(parts);
        for (std::size_t w = from; w < to; ++w) {
            for (std::uint64_t bits = hits[w]; bits; bits &= bits - 1) {
                const unsigned bit = unsigned(__builtin_ctzll(bits));
                const EntryIndex e(begin + w * 64 + bit);
                const Level level = columns.level(e);
                if (tally) tallies[std::size_t(p)].countLevel(e, level);
                if (allLevels || m_spec.showsLevel(level))
                    gathered[std::size_t(p)].add(columns.timeUs(e), e, level);
                else
                    hits[w] &= ~(std::uint64_t(1) << bit);
            }
        }
    });
    if (tally)
        for (const FilterTally& t : tallies)
            tally->merge(t);
    return inTimeOrder(gathered, order, timeOrdered, executor, tally, secondsCounted, [&](EntryIndex e) {
        const std::uint64_t bit = e.value - begin;
        return (hits[bit >> 6] >> (bit & 63)) & 1u;
    });
}

std::optional<std::vector<EntryIndex>>
CompiledQuery::filter(const SegmentedColumns& columns, const TextAccess& text,
                      const std::vector<EntryIndex>& candidates, Executor* executor,
                      const std::atomic<bool>* cancel, FilterTally* tally) const {
    return filterCandidates(columns, text, candidates, false, executor, cancel, tally);
}

std::optional<std::vector<EntryIndex>>
CompiledQuery::filterInTimeOrder(const SegmentedColumns& columns, const TextAccess& text,
                                 const TimeOrder& order, Executor* executor, const std::atomic<bool>* cancel,
                                 FilterTally* tally) const {
    const bool whole = order.end() == columns.endIndex();
    if (m_everything && whole && tally && order.countsOfAll()) {
        // A cleared filter: every entry, counted as the order took them in.
        std::vector<EntryIndex> rows = SpareRows::copyOf(order.order(), executor);
        tally->countAllLevels(columns, columns.beginIndex(), columns.endIndex());
        tally->merge(*order.countsOfAll());
        return rows;
    }
    return filterCandidates(columns, text, order.order(), whole, executor, cancel, tally);
}

std::optional<std::vector<EntryIndex>> CompiledQuery::filterCandidates(
    const SegmentedColumns& columns, const TextAccess& text, const std::vector<EntryIndex>& candidates,
    bool timeOrdered, Executor* executor, const std::atomic<bool>* cancel, FilterTally* tally) const {
    std::optional<std::vector<EntryIndex>> rows;
    const std::size_t n = candidates.size();
    if (m_everything) {
        rows = SpareRows::copyOf(candidates, executor);
        if (tally && timeOrdered) { // every stored entry: counted in store order
            tally->addEveryEntry(columns, candidates, executor);
            return rows;
        }
        if (tally && n == columns.size())
            tally->countAllLevels(columns, columns.beginIndex(), columns.endIndex());
        else if (tally)
            for (EntryIndex e : candidates)
                tally->countLevel(e, columns.level(e));
    } else if (n == columns.size() && n >= 20000 && m_needsText && !m_regex && m_fieldConditions.empty()) {
        bool counted = false;
        rows = searchAll(columns, text, candidates, timeOrdered, executor, cancel, tally, counted);
        if (counted) return rows;
    } else if (n == columns.size() && n >= 20000 && !m_needsText) {
        bool counted = false;
        rows = filterColumnsOfAll(columns, candidates, timeOrdered, executor, cancel, tally, counted);
        if (counted) return rows;
    } else {
        rows = filterEach(columns, text, candidates, executor, cancel, tally);
    }
    if (rows && tally) tally->addRows(columns, *rows, executor);
    return rows;
}

std::optional<std::vector<EntryIndex>>
CompiledQuery::filterColumnsOfAll(const SegmentedColumns& columns, const std::vector<EntryIndex>& candidates,
                                  bool timeOrdered, Executor* executor, const std::atomic<bool>* cancel,
                                  FilterTally* tally, bool& secondsCounted) const {
    // Columns only, over every entry: test them in store order (sequential reads, where
    // the time order would jump between segments for every entry) and mark the matches.
    // Few matches of the time order are merged into it from their runs in store order
    // (timedhits.h); many are read out of it. One bit an entry: the read-out jumps
    // around in the marks (time order across files), and 3 MB of bits for 25 M entries
    // stay in cache where 25 MB of bytes do not.
    const std::size_t n = candidates.size();
    const std::uint64_t begin = columns.beginIndex().value;
    std::vector<std::uint64_t> hit((n + 63) / 64, 0);
    // Eight parts a thread, taken in turn: the matches of one instance lie where its files
    // were stored, and the segment digests let a part without any finish at once. With
    // one part a thread, one thread did all the work of a filter keeping 1.5 M of 24 M
    // entries (45 ms, where two threads take about half).
    const int parts = partsFor(executor) * (executor ? 8 : 1);
    // Parts start on a word of 64 entries, so that no two write the same word.
    auto bound = [&](int part) {
        return part >= parts ? n : (n * std::uint64_t(part) / std::uint64_t(parts)) & ~std::uint64_t(63);
    };
    std::vector<FilterTally> tallies{std::size_t(parts)};
    std::vector<TimedHits> gathered = hitListsFor(n, parts, timeOrdered);
    // Instances and levels only (the sidebar's choice): a table lookup and a bit test on
    // each segment's two columns, with no per-entry segment lookup.
    const bool onlyInstancesAndLevels = m_columnConditions.empty() && !m_spec.hasTimeRange();
    std::vector<std::uint8_t> shownInstance;
    const std::uint8_t* shown = nullptr;
    if (onlyInstancesAndLevels) {
        shownInstance.resize(std::size_t(UINT16_MAX) + 1);
        for (std::size_t id = 0; id < shownInstance.size(); ++id)
            shownInstance[id] = m_spec.showsInstance(std::uint32_t(id)) ? 1 : 0;
        shown = shownInstance.data();
    }
    std::array<std::uint8_t, 256> levelShown{};
    for (std::size_t l = 0; l < 32; ++l)
        levelShown[l] = (m_spec.levelMask >> l) & 1u;
    const std::uint32_t levelMask = m_spec.levelMask;
    forEachPart(executor, parts, [&](int part) {
        const std::uint64_t from = begin + bound(part), to = begin + bound(part + 1);
        FilterTally& counts = tallies[std::size_t(part)];
        TimedHits& matches = gathered[std::size_t(part)];
        auto mark = [&](std::uint64_t i, std::int64_t timeUs, Level level) {
            hit[(i - begin) >> 6] |= std::uint64_t(1) << ((i - begin) & 63);
            matches.add(timeUs, EntryIndex(i), level);
        };
        if (onlyInstancesAndLevels) {
            columns.forEachSegmentIn(
                from, to, [&](const Segment& s, std::size_t first, std::size_t last, EntryIndex base) {
                    // A whole, full segment: its digest says whether it holds a match at
                    // all, and gives the level counts (segmentdigest.h).
                    const SegmentDigest* digest = s.digestOf(first, last);
                    if (digest) {
                        LevelCounts byLevel{};
                        bool holdsMatches = false;
                        for (const SegmentDigest::Row& row : digest->rows()) {
                            if (!shown[row.instance]) continue;
                            for (std::size_t l = 0; l < byLevel.size(); ++l) {
                                byLevel[l] += row.levels[l];
                                holdsMatches |= row.levels[l] > 0 && ((levelMask >> l) & 1u);
                            }
                        }
                        if (tally) counts.addLevels(base, byLevel);
                        if (!holdsMatches) return;
                    }
                    // Level counts entry by entry only where no digest gave them.
                    const bool countLevels = tally && !digest;
                    std::array<std::uint64_t, 256> levels{};
                    // Plain pointers: the marks written in the loop could alias the members.
                    const std::uint16_t* instance = s.instance;
                    const std::uint8_t* level = s.level;
                    if (!countLevels) {
                        // 64 entries at a time into a word of matches, without a branch: which
                        // entries match follows their levels, at random, and a branch per entry
                        // mispredicted often enough to be most of the pass.
                        for (std::size_t k = first; k < last; k += 64) {
                            const std::size_t end = std::min(last, k + 64);
                            std::uint64_t word = 0;
                            for (std::size_t j = k; j < end; ++j)
                                word |= std::uint64_t(shown[instance[j]] & levelShown[level[j]]) << (j - k);
                            for (; word; word &= word - 1) {
                                const std::size_t j = k + std::size_t(__builtin_ctzll(word));
                                mark(base.value + j, s.timeUs[j], Level(level[j]));
                            }
                        }
                        return;
                    }
                    for (std::size_t k = first; k < last; ++k) {
                        if (!shown[instance[k]]) continue;
                        const std::uint8_t l = level[k];
                        if (countLevels) ++levels[l];
                        if (l < 32 && ((levelMask >> l) & 1u)) mark(base.value + k, s.timeUs[k], Level(l));
                    }
                    if (countLevels) {
                        LevelCounts byLevel{};
                        for (std::size_t l = 0; l < byLevel.size(); ++l)
                            byLevel[l] = levels[l];
                        counts.addLevels(base, byLevel);
                    }
                });
            return;
        }
        for (std::uint64_t i = from; i < to; ++i) {
            const EntryIndex e(i);
            const Level level = columns.level(e);
            const bool shown = m_spec.showsLevel(level);
            if ((!shown && !tally) || !matchesOtherColumns(columns, e)) continue;
            if (tally) counts.countLevel(e, level);
            if (shown) mark(i, columns.timeUs(e), level);
        }
    });
    if (tally)
        for (const FilterTally& t : tallies)
            tally->merge(t);
    if (cancel && cancel->load()) return std::nullopt;
    return inTimeOrder(gathered, candidates, timeOrdered, executor, tally, secondsCounted, [&](EntryIndex e) {
        const std::uint64_t bit = e.value - begin;
        return (hit[bit >> 6] >> (bit & 63)) & 1u;
    });
}

std::optional<std::vector<EntryIndex>>
CompiledQuery::filterEach(const SegmentedColumns& columns, const TextAccess& text,
                          const std::vector<EntryIndex>& candidates, Executor* executor,
                          const std::atomic<bool>* cancel, FilterTally* tally) const {
    const std::size_t n = candidates.size();
    // Small inputs are not worth a thread.
    const int parts = n < 20000 ? 1 : partsFor(executor);
    std::vector<std::vector<EntryIndex>> results(parts);
    std::vector<FilterTally> tallies{std::size_t(parts)};
    forEachPart(executor, parts, [&](int p) {
        const EntryIndex* from = candidates.data() + n * std::size_t(p) / std::size_t(parts);
        const EntryIndex* to = candidates.data() + n * std::size_t(p + 1) / std::size_t(parts);
        filterChunk(columns, text, from, to, results[std::size_t(p)], cancel,
                    tally ? &tallies[std::size_t(p)] : nullptr);
    });
    if (cancel && cancel->load()) return std::nullopt;
    if (tally)
        for (const FilterTally& t : tallies)
            tally->merge(t);
    return joined(results);
}

} // namespace vigil
