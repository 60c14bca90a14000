#pragma once
// Keeps the instance names readable in a narrow sidebar: below a width the entry and error
// counts give way (first entries, then errors), instead of squeezing the name column to
// nothing, as a 1366×768 laptop at scale 2 did. The counts stay in the status bar and the
// level buttons.

#include <QObject>

class QTreeView;

namespace vigil {

class SidebarColumns : public QObject {
    Q_OBJECT
  public:
    explicit SidebarColumns(QTreeView* sidebar);
    // Shows or hides the count columns for the sidebar's current width.
    void fit();

  protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

  private:
    QTreeView* m_sidebar;
};

} // namespace vigil
