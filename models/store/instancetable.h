#pragma once
// The store's instances. An instance is a name found under one root: two roots that both
// hold an "eco-backend" are two instances, so their counts, charts, alerts and filters
// never mix. Where a name is shared by several roots its label is qualified with the
// root's folder name ("deployment-copy/eco-backend"), as `vigil scan` keys it; elsewhere
// the label is the bare name. Id 0 is "no instance". Written on the store's thread only.

#include <QString>

#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace vigil {

class InstanceTable {
  public:
    InstanceTable();

    std::uint32_t intern(const QString& root, std::string_view name);
    // The instance's name as the logs give it (shared by same-named instances of other roots).
    std::string_view text(std::uint32_t id) const { return m_entries[id].name; }
    const QString& root(std::uint32_t id) const { return m_entries[id].root; }
    // The name, qualified with its root's folder name when another root has the same name.
    QString label(std::uint32_t id) const;
    bool nameShared(std::uint32_t id) const;
    // By label, or by bare name when only one root has it; kNotFound otherwise.
    std::uint32_t find(std::string_view labelOrName) const;
    std::uint32_t size() const { return static_cast<std::uint32_t>(m_entries.size()); }
    // A root as labels name it: its folder's name, or its path when two roots share that name.
    QString rootLabel(const QString& root) const;

    static constexpr std::uint32_t kNotFound = UINT32_MAX;

  private:
    struct Entry {
        QString root;
        std::string name;
    };
    std::deque<Entry> m_entries;
    std::unordered_map<std::string, std::vector<std::uint32_t>> m_byName; // ids sharing a name
};

} // namespace vigil
