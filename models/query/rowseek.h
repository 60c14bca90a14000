#pragma once
// Moving through the table's rows to the next entry of interest: the next error or
// warning (a column test per row, no text read), or the next of a set of marked entries
// (bookmarks, search matches) that the current filter shows.

#include "../store/segmentedcolumns.h"

#include <functional>
#include <vector>

namespace vigil {

class LogTableModel;

// The first row after `from` (step +1) or before it (step -1) whose entry passes `test`;
// -1 when there is none. `from` may be -1 or rows.size() to start at either end.
int seekRow(const std::vector<EntryIndex>& rows, int from, int step,
            const std::function<bool(EntryIndex)>& test);

// The row of the first of `marks` (entries in time order) after row `from` (step +1) or
// before it (step -1) that the table shows; -1 when there is none.
int seekMarked(const LogTableModel& table, const std::vector<EntryIndex>& marks, int from, int step);

} // namespace vigil
