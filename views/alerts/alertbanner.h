#pragma once
// The in-window alert banner, used where no system tray exists: the newest alert that
// needs attention, how many are active, and buttons to show its entries, acknowledge it
// or open the alert list. Hidden while nothing is active and unacknowledged.
//
// While shown it only grows, at a given width: its wrapped text takes two lines or three as
// the counts and values in it change ("(5 active, 2 critical)"), and a banner that followed
// it moved the log table below it 14 px up and down with each change while a deployment
// opened, each time a relayout and repaint of the table.

#include "models/alerts/alert.h"

#include <QFrame>
#include <QLabel>

class QPushButton;

namespace vigil {

class AlertBanner : public QFrame {
    Q_OBJECT
  public:
    explicit AlertBanner(QWidget* parent = nullptr);

    // The alert to show (the newest that needs attention) and the active counts.
    void showAlert(const Alert& alert, int activeCount, int criticalCount);
    // Shows a line of its own (an action's failure, a broken rules file).
    void showMessage(const QString& text, Severity severity);
    void clearAlert();

    QString text() const;
    std::uint64_t alertId() const { return m_alertId; }

  Q_SIGNALS:
    void showEntriesRequested(std::uint64_t alertId);
    void acknowledgeRequested(std::uint64_t alertId);
    void listRequested();

  protected:
    bool eventFilter(QObject* watched, QEvent* event) override;
    void hideEvent(QHideEvent* event) override;

  private:
    void present(const QString& text, Severity severity, bool forAlert);
    void paintState(Severity s);
    void holdTextHeight(); // the text's height never below what the layout gave it since shown

    QLabel* m_icon;
    QLabel* m_text;
    QLabel m_measure; // never shown: the height the text takes at a width (holdTextHeight)
    QPushButton *m_show, *m_ack, *m_list, *m_close;
    std::uint64_t m_alertId = 0;
    Severity m_painted = Severity::None; // the state the colours and icon show
};

} // namespace vigil
