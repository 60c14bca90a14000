#pragma once
// The in-window alert banner, used where no system tray exists: the newest alert that
// needs attention, how many are active, and buttons to show its entries, acknowledge it
// or open the alert list. Hidden while nothing is active and unacknowledged.

#include "models/alerts/alert.h"

#include <QFrame>

class QLabel;
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

  private:
    void paintState(Severity s);

    QLabel* m_icon;
    QLabel* m_text;
    QPushButton *m_show, *m_ack, *m_list, *m_close;
    std::uint64_t m_alertId = 0;
};

} // namespace vigil
