#pragma once
// Named filter sets ("5xx on the orchestrator", "slow tool calls") that a user saves once
// and applies from a menu; kept as one settings value so they survive restarts.

#include "filterstate.h"

#include <map>

namespace vigil {

class SavedViews {
  public:
    // Adds or replaces a view; names are trimmed, an empty name is refused.
    bool save(const QString& name, const FilterState& state);
    bool remove(const QString& name);
    bool contains(const QString& name) const { return m_views.count(name.trimmed()) > 0; }
    const FilterState* find(const QString& name) const;
    // Names in the order a menu lists them (case-insensitive alphabetical).
    QStringList names() const;

    QVariantMap toVariant() const;
    static SavedViews fromVariant(const QVariantMap& map);

  private:
    std::map<QString, FilterState> m_views;
};

} // namespace vigil
