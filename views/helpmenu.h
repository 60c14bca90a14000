#pragma once
// The Help menu: keyboard shortcuts (listed from the window's own menus, so the list never
// goes stale), the user guide installed with the program, About Vigil and About Qt.

class QMainWindow;
class QMenu;
class QString;

namespace vigil {

QMenu* addHelpMenu(QMainWindow* window);
// The user guide's path: the installed copy, else the source tree's; empty when neither is there.
QString userGuidePath();

} // namespace vigil
