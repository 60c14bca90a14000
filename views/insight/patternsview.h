#pragma once
// The Patterns dock's contents: every message pattern with its count, instances, first
// and last times and a sparkline, sorted by count or by novelty; activating a row asks
// the window to filter the table to that pattern.

#include <QWidget>

class QComboBox;
class QLabel;
class QSortFilterProxyModel;
class QTableView;

namespace vigil {

class PatternListModel;

class PatternsView : public QWidget {
    Q_OBJECT
  public:
    explicit PatternsView(QWidget* parent = nullptr);
    void setModel(PatternListModel* model); // null: nothing shown
    void setStatus(const QString& text);
    QTableView* table() const { return m_table; }

  Q_SIGNALS:
    // The regular expression finding a pattern's entries, for the filter bar's search.
    void patternChosen(const QString& regex);

  private:
    void applyOrder();

    QComboBox* m_order;
    QLabel* m_status;
    QTableView* m_table;
    QSortFilterProxyModel* m_proxy;
    PatternListModel* m_model = nullptr;
};

} // namespace vigil
