#pragma once
// The Bookmarks dock: the bookmarked entries in time order (time, instance, message);
// clicking one shows it in the table, Delete or the context menu removes it.

#include "models/store/ids.h"

#include <QDockWidget>

class QTableView;

namespace vigil {

class BookmarkModel;

class BookmarksDock : public QDockWidget {
    Q_OBJECT
  public:
    explicit BookmarksDock(QWidget* parent = nullptr);

    void setModel(BookmarkModel* model);
    QTableView* list() const { return m_list; }

  Q_SIGNALS:
    void entryActivated(EntryIndex entry);

  private:
    void removeSelected();

    BookmarkModel* m_model = nullptr;
    QTableView* m_list;
};

} // namespace vigil
