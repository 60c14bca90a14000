#pragma once
// The "What changed" dock's contents: choose two time ranges ("last 15 min vs the hour
// before", or the range dragged on the histogram against the same length before it) and
// see the patterns that are new, changed in rate or gone, per instance too, and the
// metrics that moved. Patterns are compared on a worker over a snapshot of the store;
// clicking one asks the window to filter the table to it.

#include "models/exec/executor.h"
#include "models/insight/rangediff.h"

#include <QPointer>
#include <QWidget>

#include <atomic>
#include <memory>

class QComboBox;
class QLabel;
class QPushButton;
class QTreeWidget;
class QTreeWidgetItem;

namespace vigil {

class EntryStore;

class DiffView : public QWidget {
    Q_OBJECT
  public:
    explicit DiffView(QWidget* parent = nullptr);
    ~DiffView() override;

    // Comparisons run on the executor (which outlives this view); none: nothing is open.
    void attach(const EntryStore* store, const MetricsModel* metrics, Executor* executor);
    // The range last dragged on the histogram: offered as "selected range vs before it".
    void setSelectedRange(std::int64_t fromUs, std::int64_t toUs);
    // Compares two explicit ranges (also what the presets end in).
    void compare(TimeRange before, TimeRange after);
    QTreeWidget* tree() const { return m_tree; }
    bool busy() const { return m_busy; }

  Q_SIGNALS:
    void patternChosen(const QString& regex);
    void finished();

  private:
    struct Task;
    void compareChosen();
    void showResult(const std::shared_ptr<Task>& task);
    void addChange(QTreeWidgetItem* parent, const PatternChange& change, const QString& instance);

    QComboBox* m_preset;
    QPushButton* m_compare;
    QLabel* m_status;
    QTreeWidget* m_tree;
    const EntryStore* m_store = nullptr;
    const MetricsModel* m_metrics = nullptr;
    TimeRange m_selected;
    bool m_busy = false;
    Executor* m_executor = nullptr;
    Executor::Ticket m_ticket; // of the running comparison
    std::shared_ptr<std::atomic<bool>> m_cancel;
};

} // namespace vigil
