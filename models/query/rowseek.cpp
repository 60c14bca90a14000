#include "rowseek.h"

#include "../logtablemodel.h"

#include <algorithm>

namespace vigil {

int seekRow(const std::vector<EntryIndex>& rows, int from, int step,
            const std::function<bool(EntryIndex)>& test) {
    const int n = int(rows.size());
    for (int row = std::clamp(from + step, -1, n); row >= 0 && row < n; row += step)
        if (test(rows[std::size_t(row)])) return row;
    return -1;
}

int seekMarked(const LogTableModel& table, const std::vector<EntryIndex>& marks, int from, int step) {
    const std::vector<EntryIndex>& rows = table.rows();
    const EntryStore& store = table.store();
    auto less = [&store](EntryIndex a, EntryIndex b) { return timeLess(store, a, b); };
    if (step > 0) {
        auto it = from < 0 || from >= int(rows.size())
                      ? marks.begin()
                      : std::upper_bound(marks.begin(), marks.end(), rows[std::size_t(from)], less);
        for (; it != marks.end(); ++it)
            if (const int row = table.rowOf(*it); row >= 0) return row;
        return -1;
    }
    auto it = from < 0 || from >= int(rows.size())
                  ? marks.end()
                  : std::lower_bound(marks.begin(), marks.end(), rows[std::size_t(from)], less);
    while (it != marks.begin())
        if (const int row = table.rowOf(*--it); row >= 0) return row;
    return -1;
}

} // namespace vigil
