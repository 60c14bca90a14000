#pragma once
// The filter bar: level toggles with counts, text search (substring or regular
// expression, case toggle), a field filter input that marks malformed input with a short
// reason, and a time range. Malformed input is never applied: the bar keeps offering the
// last valid search and field conditions.

#include "models/query/filterspec.h"
#include "models/query/filterstate.h"
#include "models/query/filtertally.h"
#include "models/store/storecounters.h"

#include <QWidget>

#include <map>

class QComboBox;
class QLabel;
class QLineEdit;
class QTimer;
class QToolButton;

namespace vigil {

class FilterBar : public QWidget {
    Q_OBJECT
  public:
    explicit FilterBar(QWidget* parent = nullptr);

    // Level, search, field and time parts of a filter (instances come from the sidebar).
    // Time ranges relative to "now" are measured back from `newestUs`.
    FilterSpec spec(std::int64_t newestUs) const;

    // Each level button shows how many entries of its level pass every other filter
    // (`passing`); levels no entry has at all (`counters`) stay hidden.
    void updateCounts(const StoreCounters& counters, const LevelCounts& passing);
    void setFieldText(const QString& text);
    void focusSearch();
    // Whether the time range is "last N minutes" (it moves with the newest entry).
    bool relativeRange() const;
    // Typed input not yet validated and applied (it waits for a pause in typing).
    bool pending() const;
    // Clears search, fields, levels and time range.
    void clear();
    // Selects a custom time range [fromUs, toUs] without asking (an alert's entries).
    void setCustomRange(std::int64_t fromUs, std::int64_t toUs);
    // Every control's setting (instances aside), and setting them all at once: one
    // `changed`, with what it sets validated at once (no wait for a pause in typing).
    FilterState state() const;
    void setState(const FilterState& state);

    QLineEdit* searchEdit() const { return m_search; }
    QLineEdit* fieldEdit() const { return m_fields; }
    QLabel* fieldError() const { return m_fieldError; }
    QToolButton* levelButton(Level level) const;
    QToolButton* regexButton() const { return m_regex; }
    QToolButton* caseButton() const { return m_case; }
    QComboBox* timeRange() const { return m_range; }

  Q_SIGNALS:
    void changed();

  protected:
    void changeEvent(QEvent* event) override;

  private:
    void colourLevelButtons();
    void validateSearch();
    void validateFields();
    void chooseCustomRange();

    std::map<Level, QToolButton*> m_levels;
    QLineEdit* m_search;
    QToolButton *m_regex, *m_case;
    QLineEdit* m_fields;
    QLabel* m_fieldError;
    QComboBox* m_range;
    QTimer* m_debounce;
    // What is applied: the last valid input.
    std::string m_validText;
    bool m_validRegex = false, m_validCase = false;
    std::vector<FieldCondition> m_validFields;
    std::int64_t m_customFrom = 0, m_customTo = 0;
};

} // namespace vigil
