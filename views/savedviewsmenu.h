#pragma once
// The saved views in the Filters menu: save the filter in force under a name, apply one,
// delete one. Kept in QSettings ("views/saved") so they are there at the next start.

#include "models/query/savedviews.h"

#include <QList>
#include <QObject>

#include <functional>

class QAction;
class QMenu;

namespace vigil {

class SavedViewsMenu : public QObject {
    Q_OBJECT
  public:
    // `current` reads the filter in force, `apply` puts a saved one in force.
    SavedViewsMenu(QMenu* menu, std::function<FilterState()> current,
                   std::function<void(const FilterState&)> apply, QObject* parent = nullptr);

    // Asks for a name (offering the current view's) and saves the filter in force under it.
    void saveCurrentAsAsked();
    bool saveCurrentAs(const QString& name);
    bool apply(const QString& name);
    bool remove(const QString& name);
    const SavedViews& views() const { return m_views; }
    // The name of the saved view whose filter is in force, or empty.
    QString currentName() const;

  private:
    void rebuild();
    void store();

    QMenu* m_menu;
    QMenu* m_delete = nullptr;
    QList<QAction*> m_added;
    std::function<FilterState()> m_current;
    std::function<void(const FilterState&)> m_apply;
    SavedViews m_views;
};

} // namespace vigil
