#pragma once
// Said over the log table when entries are held but the filters hide every one of them:
// an empty table alone reads as "no logs" or "still loading" during an incident.

#include <QWidget>

class QLabel;

namespace vigil {

class NoMatchesOverlay : public QWidget {
    Q_OBJECT
  public:
    // Lies over `area` (the table's viewport), centred, following its size.
    explicit NoMatchesOverlay(QWidget* area);
    // `held`: entries in the store; `shown`: rows the filters let through.
    void update(quint64 held, quint64 shown, bool settled);

  Q_SIGNALS:
    void clearFiltersRequested();

  protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

  private:
    void place();
    QLabel* m_text;
};

} // namespace vigil
