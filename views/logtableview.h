#pragma once
// The entries table: a RowWindowView (a QTableView over the rows around the visible ones)
// with fixed row heights, columns the user can show, hide, resize and reorder (kept in
// QSettings), and follow mode: while following, the newest row stays in view; scrolling up
// pauses, scrolling back to the bottom resumes.

#include "backgroundsettings.h"
#include "rowwindowview.h"

namespace vigil {

class LogTableDelegate;

class LogTableView : public RowWindowView {
    Q_OBJECT
  public:
    explicit LogTableView(QWidget* parent = nullptr);

    void setModel(QAbstractItemModel* model) override;
    LogTableDelegate* delegate() const { return m_delegate; }

    bool following() const { return m_follow; }
    bool followPaused() const { return m_paused; }

    // Writes the columns' layout now; a change the user makes is written on its own, in the
    // background, half a second after it.
    void saveColumns() const;
    // Every column shown, in its first order and width.
    void resetColumns();
    void restoreColumns();

  public Q_SLOTS:
    void setFollowing(bool follow);

  Q_SIGNALS:
    void followStateChanged(bool following, bool paused);

  private:
    SettingsValues columnSettings() const;
    void showHeaderMenu(const QPoint& pos);
    void keepNewestInView();

    LogTableDelegate* m_delegate;
    class QTimer* m_saveColumns;
    bool m_follow = false, m_paused = false, m_autoScrolling = false;
};

} // namespace vigil
