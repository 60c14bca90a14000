#include "docktabnames.h"

#include <QChildEvent>
#include <QMainWindow>
#include <QTabBar>

namespace vigil {

namespace {

void showWholeNames(QTabBar* bar) {
    bar->setElideMode(Qt::ElideNone);
    bar->setUsesScrollButtons(true);
}

// Qt's main window layout makes a tab bar, a child of the window, for each place where docks
// are tabified: it is polished once made, before it is shown.
class DockTabNames : public QObject {
  public:
    explicit DockTabNames(QMainWindow* window) : QObject(window) {}

  protected:
    bool eventFilter(QObject* watched, QEvent* event) override {
        if (event->type() == QEvent::ChildPolished)
            if (auto* bar = qobject_cast<QTabBar*>(static_cast<QChildEvent*>(event)->child()))
                showWholeNames(bar);
        return QObject::eventFilter(watched, event);
    }
};

} // namespace

void keepDockTabNamesWhole(QMainWindow* window) {
    for (QTabBar* bar : window->findChildren<QTabBar*>(QString(), Qt::FindDirectChildrenOnly))
        showWholeNames(bar);
    window->installEventFilter(new DockTabNames(window));
}

} // namespace vigil
