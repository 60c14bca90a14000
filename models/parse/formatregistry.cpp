#include "formatregistry.h"

#include "builtinformats.h"

namespace vigil {

namespace {
// In FormatId order: the store's indices for them are those values. One line a format.
FormatDescriptor (*const kBuiltIn[])() = {
    pythonTextFormat,     pythonEventFormat,     tracingJsonFormat, structlogJsonFormat,
    productionJsonFormat, userContextJsonFormat, flaskJsonFormat,   colorConsoleFormat,
    genericTextFormat,    genericJsonFormat,     logfmtFormat,
};
} // namespace

FormatDescriptor rawFormat() {
    FormatDescriptor raw;
    raw.name = "raw";
    // A line in no known format continues nothing but indented or blank lines below it.
    raw.onePerLine = true;
    return raw;
}

FormatRegistry::FormatRegistry() {
    m_formats[0] = rawFormat();
    m_fileFormat[0] = FormatId::Raw;
    m_size.store(1, std::memory_order_release);
}

std::optional<FormatId> FormatRegistry::add(const FormatDescriptor& format) {
    std::lock_guard<std::mutex> lock(m_adding);
    const std::size_t at = m_size.load(std::memory_order_relaxed);
    if (at >= kCapacity || format.name.empty() || find(format.name)) return std::nullopt;
    FormatId fileFormat = FormatId(at);
    if (!format.fileFormat.empty()) {
        const auto found = find(format.fileFormat);
        if (!found) return std::nullopt;
        fileFormat = *found;
    }
    m_formats[at] = format;
    m_fileFormat[at] = fileFormat;
    m_size.store(at + 1, std::memory_order_release);
    return FormatId(at);
}

std::optional<FormatId> FormatRegistry::find(std::string_view name) const {
    const std::size_t count = size();
    for (std::size_t i = 0; i < count; ++i)
        if (m_formats[i].name == name) return FormatId(i);
    return std::nullopt;
}

FormatRegistry& formatRegistry() {
    static FormatRegistry registry;
    static const bool builtIn = [] {
        for (auto format : kBuiltIn)
            registry.add(format());
        return true;
    }();
    (void)builtIn;
    return registry;
}

std::string_view formatName(FormatId id) {
    return formatRegistry()[id].name;
}

} // namespace vigil
