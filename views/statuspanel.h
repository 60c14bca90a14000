#pragma once
// The status bar's contents: total and shown entries (and how many are not held at the
// memory limit), ingest rate, files watched, scan state, and unreadable files as a button
// that lists them.

#include "models/ingest/discovery.h"

#include <QWidget>

#include <vector>

class QLabel;
class QPushButton;

namespace vigil {

class StateLine;

class StatusPanel : public QWidget {
    Q_OBJECT
  public:
    explicit StatusPanel(QWidget* parent = nullptr);

    // notHeld: entries read but evicted at the memory limit (see Retention).
    void setCounts(quint64 total, quint64 shown, double ratePerSecond, int files, quint64 notHeld = 0);
    void setState(const QString& state);
    void setProblems(const std::vector<IngestError>& problems);
    QLabel* countsLabel() const { return m_counts; }
    QString stateText() const;
    QPushButton* problemsButton() const { return m_problems; }

  private:
    QLabel *m_counts, *m_rate, *m_files;
    StateLine* m_state;
    QPushButton* m_problems;
    std::vector<IngestError> m_list;
};

} // namespace vigil
