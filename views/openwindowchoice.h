#pragma once
// Which part of a deployment's history opening it reads: only the last 1 h, 6 h, 24 h or
// 7 days, or everything. Operators open weeks of rotated and compressed logs when they need
// the last hours; with a window the older files are not read at all. One choice shared by
// the File menu, the welcome view's combo and the command line's --since.

#include <QObject>

#include <cstdint>

class QActionGroup;
class QComboBox;
class QMenu;
class QWidget;

namespace vigil {

class OpenWindowChoice : public QObject {
    Q_OBJECT
  public:
    explicit OpenWindowChoice(QObject* parent = nullptr);

    std::int64_t seconds() const { return m_seconds; } // 0: everything
    void setSeconds(std::int64_t seconds);

    // "Time window" submenu: radio items, each reopening what is open with that window.
    QMenu* makeMenu(QWidget* parent);
    // The same choice as a combo (the welcome view).
    QComboBox* makeCombo(QWidget* parent);

  Q_SIGNALS:
    void changed(std::int64_t seconds);

  private:
    std::int64_t m_seconds = 0;
    QActionGroup* m_group = nullptr;
    QComboBox* m_combo = nullptr;
};

} // namespace vigil
