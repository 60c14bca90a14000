#pragma once
// The tabs of the docks stacked in one place (Charts, Alerts, Endpoints, What stands out,
// Patterns, What changed) show their whole names, the tab bar's arrows scrolling them,
// where Qt cuts every name once they do not all fit: "Ch…", "A…", "End…" at 1366×768, all
// six at scale 2, and a tab no longer says which dock it brings up.

class QMainWindow;

namespace vigil {

// For the window's dock tab bars now and those Qt makes later (docks tabified, a layout
// restored or reset).
void keepDockTabNamesWhole(QMainWindow* window);

} // namespace vigil
