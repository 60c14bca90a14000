#include "savedviews.h"

#include <algorithm>

namespace vigil {

bool SavedViews::save(const QString& name, const FilterState& state) {
    const QString key = name.trimmed();
    if (key.isEmpty()) return false;
    m_views[key] = state;
    return true;
}

bool SavedViews::remove(const QString& name) {
    return m_views.erase(name.trimmed()) > 0;
}

const FilterState* SavedViews::find(const QString& name) const {
    auto it = m_views.find(name.trimmed());
    return it == m_views.end() ? nullptr : &it->second;
}

QStringList SavedViews::names() const {
    QStringList names;
    for (const auto& [name, state] : m_views)
        names << name;
    std::sort(names.begin(), names.end(),
              [](const QString& a, const QString& b) { return a.compare(b, Qt::CaseInsensitive) < 0; });
    return names;
}

QVariantMap SavedViews::toVariant() const {
    QVariantMap map;
    for (const auto& [name, state] : m_views)
        map.insert(name, state.toVariant());
    return map;
}

SavedViews SavedViews::fromVariant(const QVariantMap& map) {
    SavedViews views;
    for (auto it = map.begin(); it != map.end(); ++it)
        views.save(it.key(), FilterState::fromVariant(it.value().toMap()));
    return views;
}

} // namespace vigil
