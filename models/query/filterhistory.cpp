#include "filterhistory.h"

namespace vigil {

void FilterHistory::record(const FilterState& state, qint64 nowMs, bool typed) {
    bool textEdit = false; // this step only changes what is typed
    if (!m_steps.empty()) {
        Step& top = m_steps[m_at];
        if (top.state == state) return;
        // Forward steps are dropped by a new filter, as a browser drops them.
        m_steps.erase(m_steps.begin() + std::ptrdiff_t(m_at) + 1, m_steps.end());
        textEdit = typed && state.differsOnlyInText(top.state);
        if (textEdit && top.typed && nowMs - top.atMs < kTypingMs) {
            top.state = state;
            top.atMs = nowMs;
            return;
        }
    }
    m_steps.push_back({state, nowMs, textEdit});
    if (m_steps.size() > kMaxSteps) m_steps.erase(m_steps.begin());
    m_at = m_steps.size() - 1;
}

const FilterState& FilterHistory::back() {
    if (canGoBack()) --m_at;
    // A step reached by moving is never folded into by later typing.
    m_steps[m_at].typed = false;
    return m_steps[m_at].state;
}

const FilterState& FilterHistory::forward() {
    if (canGoForward()) ++m_at;
    m_steps[m_at].typed = false;
    return m_steps[m_at].state;
}

void FilterHistory::clear() {
    m_steps.clear();
    m_at = 0;
}

} // namespace vigil
