#pragma once
// Back and forward through the filters a user applied, as a browser does through pages
// (Alt+Left, Alt+Right). Typing makes one filter per pause; a burst of text edits within
// a couple of seconds counts as one step, so Back returns to the filter before the typing
// rather than to "tim" on the way to "timed out".

#include "filterstate.h"

#include <vector>

namespace vigil {

class FilterHistory {
  public:
    static constexpr qint64 kTypingMs = 2000;
    static constexpr std::size_t kMaxSteps = 100;

    // Records the filter now in force. `typed`: it came from text input and may be folded
    // into the current step; an explicit change (a traced id, a saved view) never is.
    void record(const FilterState& state, qint64 nowMs, bool typed);

    bool canGoBack() const { return m_at > 0; }
    bool canGoForward() const { return m_at + 1 < m_steps.size(); }
    // Moves one step and returns the filter to apply (the current one when it cannot move).
    const FilterState& back();
    const FilterState& forward();

    bool isEmpty() const { return m_steps.empty(); }
    const FilterState& current() const { return m_steps[m_at].state; }
    std::size_t size() const { return m_steps.size(); }
    void clear();

  private:
    struct Step {
        FilterState state;
        qint64 atMs = 0;
        bool typed = false; // made by typing: later typing may fold into it
    };
    std::vector<Step> m_steps;
    std::size_t m_at = 0;
};

} // namespace vigil
