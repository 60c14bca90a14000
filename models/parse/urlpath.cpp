#include "urlpath.h"

namespace vigil {

std::string_view pathOfUrl(std::string_view url) {
    const std::size_t scheme = url.find("://");
    if (scheme != std::string_view::npos) {
        const std::size_t slash = url.find('/', scheme + 3);
        url = slash == std::string_view::npos ? std::string_view("/") : url.substr(slash);
    }
    return withoutQuery(url);
}

std::string_view withoutQuery(std::string_view path) {
    // A plain loop: find_first_of calls memchr once per character.
    for (std::size_t i = 0; i < path.size(); ++i)
        if (path[i] == '?' || path[i] == '#') return path.substr(0, i);
    return path;
}

} // namespace vigil
