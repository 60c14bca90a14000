#include "instancetable.h"

#include <QFileInfo>

namespace vigil {

InstanceTable::InstanceTable() {
    m_entries.push_back({QString(), std::string()});
}

std::uint32_t InstanceTable::intern(const QString& root, std::string_view name) {
    if (name.empty()) return 0;
    std::vector<std::uint32_t>& ids = m_byName[std::string(name)];
    for (std::uint32_t id : ids)
        if (m_entries[id].root == root) return id;
    const auto id = static_cast<std::uint32_t>(m_entries.size());
    m_entries.push_back({root, std::string(name)});
    ids.push_back(id);
    return id;
}

bool InstanceTable::nameShared(std::uint32_t id) const {
    if (id == 0 || id >= m_entries.size()) return false;
    const auto it = m_byName.find(m_entries[id].name);
    return it != m_byName.end() && it->second.size() > 1;
}

QString InstanceTable::rootLabel(const QString& root) const {
    // The folder's name, unless two roots have the same one (a/logs, b/logs): then the path.
    const QString name = QFileInfo(root).fileName();
    if (name.isEmpty()) return root;
    for (const Entry& e : m_entries)
        if (e.root != root && !e.root.isEmpty() && QFileInfo(e.root).fileName() == name) return root;
    return name;
}

QString InstanceTable::label(std::uint32_t id) const {
    if (id >= m_entries.size()) return {};
    const Entry& e = m_entries[id];
    const QString name = QString::fromUtf8(e.name.data(), qsizetype(e.name.size()));
    return nameShared(id) ? rootLabel(e.root) + QLatin1Char('/') + name : name;
}

std::uint32_t InstanceTable::find(std::string_view labelOrName) const {
    if (labelOrName.empty()) return 0;
    const auto it = m_byName.find(std::string(labelOrName));
    if (it != m_byName.end() && it->second.size() == 1) return it->second.front();
    // A qualified label: "ROOT/name", the name after the last slash that leaves a known name.
    const QString wanted = QString::fromUtf8(labelOrName.data(), qsizetype(labelOrName.size()));
    for (std::uint32_t id = 1; id < m_entries.size(); ++id)
        if (nameShared(id) && label(id) == wanted) return id;
    return kNotFound;
}

} // namespace vigil
