#pragma once
// Settings written on a background thread, for writes nobody waits for (the table's column
// widths, bookmarks, saved views, recent deployments, a deployment's filters when another
// opens).
//
// QSettings makes each change durable with two fdatasync() calls (its lock file and the
// file itself). While a 5 GB deployment was being read, the one after the table's vertical
// scroll bar appeared held the GUI thread 360 ms with 37 ms of CPU. Writes here run one at
// a time, in the order given; a write that must come after them (closing the window) waits
// for them first, and so does a read of a key written here (QSettings of this process see a
// value once it is handed to them, not before).

#include <QString>
#include <QVariant>

#include <utility>
#include <vector>

namespace vigil {

// Keys and values; an invalid QVariant removes the key.
using SettingsValues = std::vector<std::pair<QString, QVariant>>;

void writeSettingsInBackground(SettingsValues values);
// Returns once every write handed over before has reached QSettings.
void waitForBackgroundSettings();

} // namespace vigil
